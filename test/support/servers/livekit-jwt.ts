import { createHmac, timingSafeEqual } from 'node:crypto';

/** LiveKit access-token claims the server APIs check (see livekit-server-sdk `ClaimGrants`). */
export interface LivekitClaims {
  iss?: string;
  exp?: number;
  nbf?: number;
  video?: { roomCreate?: boolean; roomAdmin?: boolean; roomList?: boolean; roomRecord?: boolean; room?: string };
  sip?: { admin?: boolean; call?: boolean };
  [key: string]: unknown;
}

const b64url = (buf: Buffer) => buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/**
 * Verify an HS256 JWT against the API secret of its issuer and return its claims, or the reason it fails
 * (bad shape, unknown key, wrong signature, expired). `now` in seconds.
 */
export function verifyLivekitJwt(
  token: string,
  secrets: Readonly<Record<string, string>>,
  now = Math.floor(Date.now() / 1000),
): { claims: LivekitClaims } | { error: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'malformed token' };
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string };
  let claims: LivekitClaims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: string };
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as LivekitClaims;
  } catch {
    return { error: 'malformed token' };
  }
  if (header.alg !== 'HS256') return { error: `unsupported alg ${String(header.alg)}` };
  const secret = claims.iss ? secrets[claims.iss] : undefined;
  if (!secret) return { error: `unknown API key ${String(claims.iss)}` };
  const expected = Buffer.from(b64url(createHmac('sha256', secret).update(`${h}.${p}`).digest()));
  const given = Buffer.from(s);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { error: 'invalid signature' };
  if (typeof claims.exp === 'number' && claims.exp < now) return { error: 'token expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > now + 5) return { error: 'token not yet valid' };
  return { claims };
}
