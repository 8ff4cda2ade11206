import { afterEach, describe, expect, it } from 'vitest';
import { RemindersConfigSchema } from '../../../core/config/index.ts';
import { bookingSalon } from '../../core/engine/booking-host.ts';
import { startTextCall } from './harness.ts';

const sessions: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

const config = { ...bookingSalon(), reminders: RemindersConfigSchema.parse({ voicemail: 'message' }) };
const reminder = { id: 'rem_9', booking_id: 'b7', service: 'Маникюр', date: '2026-11-25', time: '15:00', staff: 'Ольга', name: null, voicemail: 'message' as const };
const outbound = { callId: 'call-out-0001', calledNumber: '+79161234567', direction: 'outbound' as const, channel: 'phone' as const, reminder };

async function until<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an outbound reminder call answered by a machine', () => {
  it('says nothing over the greeting; after the beep it leaves the message and ends with outcome voicemail and the reason', async () => {
    let release!: (v: { kind: string; reason: string }) => void;
    const screened = new Promise<{ kind: string; reason: string }>((r) => (release = r));
    const call = await startTextCall(config, { callInfo: outbound, screen: () => screened });
    sessions.push(call.session);
    expect(call.session.history.items.filter((i) => i.type === 'message')).toEqual([]);

    release({ kind: 'voicemail', reason: 'beep' });
    const result = await until(() => call.posted[0]);
    const said = call.session.history.items.flatMap((i) => (i.type === 'message' && i.role === 'assistant' ? [i.textContent] : []));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Здравствуйте! Это салон красоты «Элегант»\. Напоминаем о вашей записи: маникюр, .*в 15:00, мастер Ольга\. Если планы изменились, перезвоните нам/);
    expect(result).toMatchObject({ outcome: 'voicemail', ended_by: 'bot', direction: 'outbound', fields: { reminder_id: 'rem_9', voicemail_reason: 'beep' } });
    expect(result.turns.map((t) => t.text)).toEqual(said);
    expect(call.hungUp()).toBe(1);
  });

  it('a screening assistant gets the message at once; a person gets the usual opening', async () => {
    const screening = await startTextCall(config, { callInfo: outbound, screen: async () => ({ kind: 'screening', reason: 'phrase «представьтесь»' }) });
    sessions.push(screening.session);
    expect(await until(() => screening.posted[0])).toMatchObject({ outcome: 'voicemail', fields: { voicemail_reason: 'call screening: phrase «представьтесь»' } });

    const person = await startTextCall(config, { callInfo: outbound, screen: async () => null });
    sessions.push(person.session);
    const first = person.session.history.items.find((i) => i.type === 'message');
    expect(first?.type === 'message' && first.textContent).toMatch(/Напоминаем о вашей записи.*Вы придёте\?$/);
    expect(person.posted).toEqual([]);
  });
});
