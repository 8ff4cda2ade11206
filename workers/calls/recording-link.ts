import type { Env } from '../env.ts';
import { hmacSha256, timingSafeEqual, toHex } from '../lib/crypto.ts';

/** How long a recording link works. */
export const RECORDING_LINK_TTL_MS = 15 * 60_000;

/** HMAC secret for links: RECORDING_LINK_SECRET, else one derived from the admin key (so links work without setup). */
const linkSecret = (env: Pick<Env, 'RECORDING_LINK_SECRET' | 'ADMIN_API_KEY'>) => env.RECORDING_LINK_SECRET || `recording-links:${env.ADMIN_API_KEY}`;

async function sign(env: Pick<Env, 'RECORDING_LINK_SECRET' | 'ADMIN_API_KEY'>, callId: string, key: string, expires: number): Promise<string> {
  return toHex((await hmacSha256(linkSecret(env), `${callId}\n${key}\n${expires}`)).buffer as ArrayBuffer);
}

/**
 * A short-lived link that streams the call's recording from R2 through the Worker, no API key needed:
 * `{PUBLIC_BASE_URL}/recordings/{callId}?expires={epoch s}&sig={hex HMAC}`. The signature covers the R2 key,
 * so a link dies with the recording (erasure) even before it expires.
 */
export async function recordingLink(
  env: Pick<Env, 'RECORDING_LINK_SECRET' | 'ADMIN_API_KEY' | 'PUBLIC_BASE_URL'>,
  callId: string,
  recordingKey: string,
  now: number,
): Promise<{ url: string; expires_at: string }> {
  const expires = Math.floor((now + RECORDING_LINK_TTL_MS) / 1000);
  const sig = await sign(env, callId, recordingKey, expires);
  const base = (env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
  return { url: `${base}/recordings/${encodeURIComponent(callId)}?expires=${expires}&sig=${sig}`, expires_at: new Date(expires * 1000).toISOString() };
}

/** Whether `sig` is this Worker's signature for the call's current recording and `expires` (epoch s) is not past. */
export async function verifyRecordingLink(
  env: Pick<Env, 'RECORDING_LINK_SECRET' | 'ADMIN_API_KEY'>,
  callId: string,
  recordingKey: string,
  expires: number,
  sig: string,
  now: number,
): Promise<'ok' | 'expired' | 'bad_signature'> {
  if (!timingSafeEqual(await sign(env, callId, recordingKey, expires), sig)) return 'bad_signature';
  return expires * 1000 < now ? 'expired' : 'ok';
}
