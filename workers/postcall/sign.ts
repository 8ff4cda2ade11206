/**
 * Webhook signatures by the Standard Webhooks spec (https://www.standardwebhooks.com):
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`, where the key is
 * the base64-decoded part of the `whsec_…` secret. Any receiver verifies with the `standardwebhooks` libraries.
 */

/** Signature scheme version carried in the `webhook-signature` header (see docs/webhooks.md). */
export const SIGNATURE_VERSION = 'v1';
export const SECRET_PREFIX = 'whsec_';
/** Key length of new secrets (the spec asks for 24–64 bytes). */
export const SECRET_KEY_BYTES = 32;

const encoder = new TextEncoder();

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/** A new webhook signing secret, shown to the customer once at creation: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(SECRET_KEY_BYTES)));
}

/**
 * The HMAC key of a `whsec_` secret: its base64 part decoded. Secrets issued before the switch
 * (`whsec_` + 32 base62 characters) are valid base64 too, so they keep working unchanged (24-byte keys).
 */
export function secretKey(secret: string): Uint8Array {
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bin = atob(b64);
  if (bin.length === 0) throw new Error('webhook secret is empty');
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * `v1,<base64 HMAC-SHA256(secretKey(secret), "<id>.<timestamp>.<body>")>`.
 * @example await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' (the spec's own example)
 */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretKey(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`));
  return `${SIGNATURE_VERSION},${toBase64(new Uint8Array(mac))}`;
}

/** Headers sent with every webhook attempt; `timestamp` is Unix seconds at send time. */
export async function webhookHeaders(opts: { id: string; secret: string; timestamp: number; body: string }): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    'user-agent': 'voicebot-webhooks/1',
    'webhook-id': opts.id,
    'webhook-timestamp': String(opts.timestamp),
    'webhook-signature': await signWebhook(opts.secret, opts.id, opts.timestamp, opts.body),
  };
}
