import { toHex } from '../lib/crypto.ts';
import { randomToken } from '../lib/ids.ts';

/** Signature scheme version carried in the `Webhook-Signature` header (see docs/webhooks.md). */
export const SIGNATURE_VERSION = 'v1';

const encoder = new TextEncoder();

/** A new webhook signing secret, shown to the customer once at creation: `whsec_` + 32 base62 chars. */
export function newWebhookSecret(): string {
  return `whsec_${randomToken(32)}`;
}

/**
 * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; the key is the UTF-8 bytes of the whole secret string.
 * @example await signWebhook('whsec_abc', 1763629200, '{"id":"whd_1"}') // 'v1=5f0c…'
 */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `${SIGNATURE_VERSION}=${toHex(mac)}`;
}

/** Headers sent with every webhook attempt; `timestamp` is Unix seconds at send time. */
export async function webhookHeaders(opts: { id: string; secret: string; timestamp: number; body: string }): Promise<Record<string, string>> {
  return {
    'content-type': 'application/json',
    'user-agent': 'voicebot-webhooks/1',
    'webhook-id': opts.id,
    'webhook-timestamp': String(opts.timestamp),
    'webhook-signature': await signWebhook(opts.secret, opts.timestamp, opts.body),
  };
}
