/**
 * AES-256-GCM through WebCrypto for secrets kept in D1 (CRM tokens, webhook URLs). The key is the Worker secret
 * `CRM_TOKEN_KEY` (any string; SHA-256 of it is the AES key). Sealed values are `v1:<iv b64>:<ciphertext b64>`;
 * the company id is bound as additional data, so a value copied to another company's row does not open.
 */
const enc = new TextEncoder();
const b64 = (b: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(b)));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export class SecretKeyMissing extends Error {
  override readonly name = 'SecretKeyMissing';
}

async function key(secret: string | undefined): Promise<CryptoKey> {
  if (!secret?.trim()) throw new SecretKeyMissing('CRM_TOKEN_KEY is not set: run `wrangler secret put CRM_TOKEN_KEY`');
  const raw = await crypto.subtle.digest('SHA-256', enc.encode(secret));
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

export async function seal(secret: string | undefined, companyId: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(companyId) }, await key(secret), enc.encode(plain));
  return `v1:${b64(iv)}:${b64(ct)}`;
}

export async function open(secret: string | undefined, companyId: string, sealed: string): Promise<string> {
  const [v, iv, ct] = sealed.split(':');
  if (v !== 'v1' || !iv || !ct) throw new Error('sealed value has an unknown format');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv), additionalData: enc.encode(companyId) }, await key(secret), unb64(ct));
  return new TextDecoder().decode(plain);
}
