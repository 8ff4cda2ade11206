import { env } from 'cloudflare:workers';
import { localWallClock } from '../../workers/booking/provider.ts';
import { BotConfigSchema } from '../../core/config/index.ts';
import { callTurn, createReminderDialog, ReminderCallSchema, type DialogInput, type DialogState } from '../../core/engine/index.ts';
import type { BookingOp, BookingOpResult } from '../../core/booking/index.ts';
import type { ReminderJob } from '../../workers/reminders/plan.ts';
import { salonWithCalendar } from './booking-support.ts';
import { postCall, spokenTurns, uniqueCallId } from './postcall-support.ts';
import { api, scenarioText, SERVICE_TOKEN } from './support.ts';

export const OUTBOUND = { LIVEKIT_URL: 'wss://salon-test.livekit.example', LIVEKIT_API_KEY: 'APIworker1', LIVEKIT_API_SECRET: 'sec_1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a', LIVEKIT_SIP_OUTBOUND_TRUNK_ID: 'ST_outbound01' };
const TZ = 'Europe/Moscow';

/** Moscow wall clock → epoch ms (Moscow is UTC+3 all year). */
export const moscow = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+03:00`);
/** `YYYY-MM-DD` `days` after today in Moscow. */
export const moscowDate = (days: number) => localWallClock(new Date(Date.now() + days * 86_400_000), TZ).slice(0, 10);

/**
 * A working day (the salon is closed on Sundays) two or more days ahead that is not a Thursday (the move tests say
 * «на четверг»), and the day before it.
 */
export function appointmentDay(minDays = 2): { date: string; dayBefore: string } {
  for (let days = minDays; ; days++) {
    const date = moscowDate(days);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 4) return { date, dayBefore: moscowDate(days - 1) };
  }
}

/** The salon with its calendar, booking and `reminders:` on, and one appointment: manicure with Ольга, `date` 15:00. */
export async function salonWithAppointment(date: string, reminders = 'reminders:\n  before: 24h\n  window: "10:00-20:00"\n  tries: 2\n  retry_after: 1h\n') {
  const salon = await salonWithCalendar();
  const yaml = `${scenarioText('salon-bot-1.yaml')}\nbooking:\n  provider: builtin\n${reminders}`;
  const put = await api('PUT', `/bots/${salon.bot.id}/config`, { key: salon.key, body: yaml, headers: { 'content-type': 'application/yaml' } });
  if (put.status !== 200) throw new Error(`config: ${put.status} ${JSON.stringify(put.body)}`);
  const booked = await api('POST', `/bots/${salon.bot.id}/appointments`, { key: salon.key, body: { service: 'маникюр', date, time: '15:00', staff: 'Ольга', phone: '+79161234567', name: 'Анна' } });
  if (booked.status !== 201) throw new Error(`appointment: ${booked.status} ${JSON.stringify(booked.body)}`);
  return { ...salon, appointment: booked.body as { id: string } };
}

/** REMINDER_QUEUE stand-in that keeps what the cron queued (the test runs the consumer itself, with LiveKit settings). */
export function capturingQueue() {
  const sent: ReminderJob[] = [];
  return { sent, queue: { sendBatch: async (msgs: { body: ReminderJob }[]) => void sent.push(...msgs.map((m) => m.body)), send: async (body: ReminderJob) => void sent.push(body) } as unknown as Queue<ReminderJob> };
}

async function booking(botId: string, callId: string, op: BookingOp): Promise<BookingOpResult> {
  const bot = `/internal/bots/${botId}`;
  const res = op.op === 'cancel'
    ? await api('POST', `${bot}/bookings/${op.bookingId}/cancel`, { key: SERVICE_TOKEN })
    : op.op === 'move'
      ? await api('POST', `${bot}/bookings/${op.bookingId}/move`, { key: SERVICE_TOKEN, body: { idempotency_key: `${callId}:${op.idempotencyKey}`, date: op.date, time: op.time, staff: op.staff } })
      : null;
  if (!res || res.status !== 200) throw new Error(`booking ${op.op}: ${res?.status} ${JSON.stringify(res?.body)}`);
  return res.body as BookingOpResult;
}

/**
 * The agent's side of a reminder call over the text path: the dispatch metadata's reminder starts the engine's
 * reminder dialog, caller lines drive it, booking requests go to the Worker's internal routes, and the CallResult is
 * posted at the end and processed by the post-call queue.
 */
export async function playReminderCall(botId: string, dispatchMetadata: string, lines: string[], now: Date) {
  const meta = JSON.parse(dispatchMetadata) as { reminder: unknown; direction: string };
  const bot = await env.DB.prepare('SELECT config_json FROM bots WHERE id = ?').bind(botId).first<{ config_json: string }>();
  const config = BotConfigSchema.parse(JSON.parse(bot!.config_json));
  const callId = uniqueCallId('rem');
  let state: DialogState = createReminderDialog(config, ReminderCallSchema.parse(meta.reminder));
  const said: string[] = [];
  const log: [number, 'bot' | 'caller', string][] = [];
  let second = 0;
  const play = async (input: DialogInput) => {
    const step = callTurn(config, state, input, { now });
    state = step.state;
    for (const a of step.actions) {
      if (a.type === 'say') (said.push(a.text), log.push([(second += 3), 'bot', a.text]));
      if (a.type === 'booking_request') await play({ type: 'booking_result', result: await booking(botId, callId, a.op) });
    }
  };
  await play({ type: 'start' });
  for (const line of lines) {
    if (state.phase === 'ended') break;
    log.push([(second += 4), 'caller', line]);
    await play({ type: 'speech', text: line });
  }
  const start = now.toISOString();
  const row = await postCall({
    call_id: callId, bot_id: botId, started_at: start, ended_at: new Date(now.getTime() + (second + 2) * 1000).toISOString(),
    caller_number: null, called_number: '+79161234567', direction: 'outbound', channel: 'phone',
    turns: spokenTurns(log, start), scenario: state.scenario, fields: state.fields, outcome: state.outcome, ended_by: state.endedBy ?? 'caller',
  });
  return { said, state, call: row };
}
