import { postJson, retryableStatus, type SendOutcome } from './send-result.ts';

/** An SMS gateway: one text to one customer's number. */
export interface SmsProvider {
  readonly name: string;
  send(sms: { from: string; to: string; text: string }): Promise<SendOutcome>;
}

/**
 * MTS Exolve SMS API (docs.exolve.ru, SMS API → SendSMS): `POST {base}/messaging/v1/SendSMS` with
 * `Authorization: Bearer <application API key>` and `{ number, destination, text }` — `number` the sender (an alpha
 * name or a mobile number of the application), `destination` the customer's digits without `+`; the answer is
 * `{ message_id }`. Exolve cannot send from landline (ABC) or 8-800 numbers.
 */
export class ExolveSms implements SmsProvider {
  readonly name = 'exolve';
  constructor(private readonly opts: { apiKey: string; baseUrl: string }) {}

  async send(sms: { from: string; to: string; text: string }): Promise<SendOutcome> {
    const digits = (n: string) => n.replace(/\D/g, '');
    const sender = /^\+?\d[\d\s()-]*$/.test(sms.from) ? digits(sms.from) : sms.from;
    const sent = await postJson(`${this.opts.baseUrl}/messaging/v1/SendSMS`, { number: sender, destination: digits(sms.to), text: sms.text }, {
      authorization: `Bearer ${this.opts.apiKey}`,
    });
    if ('ok' in sent) return sent;
    const { res, json } = sent;
    const body = (json ?? {}) as { message_id?: string | number; error?: unknown; message?: unknown };
    if (res.ok) return { ok: true, messageId: body.message_id === undefined ? null : String(body.message_id), error: null, permanent: false };
    const why = [body.error, body.message].filter((v) => typeof v === 'string' && v).join(': ') || 'no description';
    const error = res.status === 401 ? `Exolve 401: ${why} (check EXOLVE_API_KEY)` : `Exolve ${res.status}: ${why}`;
    return { ok: false, messageId: null, error, permanent: !retryableStatus(res.status) };
  }
}

/** The configured SMS provider (Exolve with EXOLVE_API_KEY), or null. */
export function smsProvider(env: { EXOLVE_API_KEY?: string; EXOLVE_BASE_URL?: string }): SmsProvider | null {
  const apiKey = env.EXOLVE_API_KEY?.trim();
  if (!apiKey) return null;
  return new ExolveSms({ apiKey, baseUrl: (env.EXOLVE_BASE_URL?.trim() || 'https://api.exolve.ru').replace(/\/+$/, '') });
}
