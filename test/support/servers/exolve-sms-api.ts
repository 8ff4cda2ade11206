/**
 * MTS Exolve's SMS API `messaging/v1/SendSMS` (docs.exolve.ru) as a plain function, shared by the Node Exolve server
 * (exolve-server.ts) and the Worker tests' stubbed `fetch`. Body `{ number, destination, text }`: `number` is the
 * sender — an alpha name or a mobile number (Exolve cannot send from landline ABC or 8-800 numbers) — `destination`
 * the customer's digits. Answers `{ message_id }`. No Node imports here.
 */
export interface SentSms {
  message_id: string;
  number: string;
  destination: string;
  text: string;
}

export interface ExolveSmsApi {
  sent: SentSms[];
  /** Alpha names registered for the application; numbers are accepted when mobile (7 9XX…). */
  alphaNames: Set<string>;
  /** The next n calls answer this status. */
  failNext(n: number, status: number): void;
  sendSms(body: Record<string, unknown>): { status: number; body: unknown };
}

export function exolveSmsApi(opts: { alphaNames?: string[] } = {}): ExolveSmsApi {
  const sent: SentSms[] = [];
  const alphaNames = new Set(opts.alphaNames ?? []);
  let failures = { n: 0, status: 500 };
  let nextId = 5_550_000_000;
  const bad = (error: string) => ({ status: 400, body: { error } });
  return {
    sent,
    alphaNames,
    failNext: (n, status) => void (failures = { n, status }),
    sendSms(body) {
      if (failures.n > 0) {
        failures.n--;
        return { status: failures.status, body: { error: `status ${failures.status}` } };
      }
      const { number, destination, text } = body as { number?: unknown; destination?: unknown; text?: unknown };
      if (typeof number !== 'string' || typeof destination !== 'string' || typeof text !== 'string') {
        return bad('number, destination and text are required strings');
      }
      if (!/^\d{11,15}$/.test(destination)) return bad('invalid destination');
      if (/^\d+$/.test(number) ? !/^79\d{9}$/.test(number) : !alphaNames.has(number)) return bad('sender is not allowed for the application');
      if (!text.trim() || text.length > 1000) return bad('invalid text length');
      const message_id = String(++nextId);
      sent.push({ message_id, number, destination, text });
      return { status: 200, body: { message_id } };
    },
  };
}
