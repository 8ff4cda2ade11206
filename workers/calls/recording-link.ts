import type { Env } from '../env.ts';
import { timingSafeEqual, toHex } from '../lib/crypto.ts';

/** How long a recording link works. */
export const RECORDING_LINK_TTL_MS = 15 * 60_000;

const encoder = new TextEncoder();

/** HMAC key for links: RECORDING_LINK_SECRET, else one derived from the admin key (so links work without setup). */
async function linkKey(env: Pick<Env, 'RECORDING_LINK_SECRET' | 'ADMIN_API_KEY'>): Promise<CryptoKey> {
  const secret = env.RECORDING_LINK_SECRET || `recording-links:${env.ADMIN_API_KEY}`;
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function sign(env: Pick<Env, 'RECORDING_LINK_SECRET' | 'ADMIN_API_KEY'>, callId: string, key: string, expires: number): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await linkKey(env), encoder.encode(`${callId}\n${key}\n${expires}`));
  return toHex(mac);
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
