import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stereoWav } from '../audio/wav.ts';
import type { SipCallRecord } from './sip-caller.ts';

/** `GET /calls/{id}` as the caller tools read it. */
export interface StoredCall {
  id: string;
  status: string;
  direction: string;
  channel: string;
  ended_by: string;
  outcome: string | null;
  summary: string | null;
  caller_number: string | null;
  called_number: string | null;
  transcript: { role: string; text: string }[];
  booking: { outcome: string; service: string | null; date: string | null; time: string | null; phone: string | null } | null;
  [key: string]: unknown;
}

/**
 * The call the platform stored for a phone call, found by the customer's number (LiveKit hands the agent the
 * SIP From user of an inbound call, the dialed number of an outbound one, as `sip.phoneNumber`) once post-call
 * processing finished; null after `timeoutMs`.
 */
export async function waitForStoredCall(api: string, key: string, q: { botId: string; number: string }, timeoutMs = 120_000): Promise<StoredCall | null> {
  const auth = { authorization: `Bearer ${key}` };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = await fetch(`${api}/calls?bot_id=${encodeURIComponent(q.botId)}&limit=50`, { headers: auth, signal: AbortSignal.timeout(5_000) })
      .then((r) => (r.ok ? (r.json() as Promise<{ calls: StoredCall[] }>) : { calls: [] }))
      .catch(() => ({ calls: [] as StoredCall[] }));
    const hit = list.calls.find((c) => (c.caller_number === q.number || c.called_number === q.number) && (c.status === 'processed' || c.status === 'failed'));
    if (hit) return (await fetch(`${api}/calls/${hit.id}`, { headers: auth }).then((r) => r.json())) as StoredCall;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

/** A fresh Russian mobile number for one test call (calls are told apart by it). */
export function randomCallerNumber(): string {
  return `+7916${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

/** call.wav (caller left, what the caller heard right) and timeline.json in `dir`. */
export function writeCallFiles(dir: string, rec: SipCallRecord): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'call.wav'), stereoWav(rec.caller, rec.bot, rec.timeline.sample_rate));
  writeFileSync(join(dir, 'timeline.json'), JSON.stringify(rec.timeline, null, 2));
}
