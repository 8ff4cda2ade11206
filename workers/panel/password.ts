// Panel passwords: PBKDF2-SHA-256 through WebCrypto. 100 000 iterations is the most workerd's WebCrypto allows
// (it refuses more), so that is the count; each hash costs ~tens of ms of CPU, paid only at sign-in and invite.
const enc = new TextEncoder();

export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS));
}

/** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>` of a new random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return `pbkdf2-sha256$${PBKDF2_ITERATIONS}$${b64(salt)}$${b64(await derive(password, salt, PBKDF2_ITERATIONS))}`;
}

/**
 * Whether `password` matches a stored hash. With no hash (unknown user, pending invite) it still spends one
 * derivation, so the answer takes as long as for a real user.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored?.split('$') ?? [];
  const iterations = Number(iter);
  if (scheme !== 'pbkdf2-sha256' || !salt || !hash || !Number.isInteger(iterations) || iterations < 1) {
    await derive(password, new Uint8Array(SALT_BYTES), PBKDF2_ITERATIONS);
    return false;
  }
  const got = await derive(password, fromB64(salt), iterations);
  const want = fromB64(hash);
  let diff = got.length ^ want.length;
  for (let i = 0; i < Math.max(got.length, want.length); i++) diff |= (got[i] ?? 0) ^ (want[i] ?? 0);
  return diff === 0;
}
