import { describe, expect, it } from 'vitest';
import { callTurn, createDialog, createReminderDialog, dtmfUtterance, type DialogState } from '../../../core/engine/index.ts';
import { RemindersConfigSchema } from '../../../core/config/index.ts';
import { bookingSalon } from './booking-host.ts';
import { loadConfig, NOW } from './harness.ts';

const salon = loadConfig('salon-bot-1');
/** Plays caller lines (speech) and returns the state. */
function after(lines: string[], state: DialogState = createDialog(salon)): DialogState {
  let s = callTurn(salon, state, { type: 'start' }, { now: NOW }).state;
  for (const text of lines) s = callTurn(salon, s, { type: 'speech', text }, { now: NOW }).state;
  return s;
}

describe('keypad digits where speech is accepted', () => {
  it('a phone keyed in while the phone is asked is the number; the engine takes it', () => {
    const s = after(['хочу записаться на маникюр в пятницу в три']);
    expect(s.pending).toBe('phone');
    const text = dtmfUtterance(salon, s, '89161234567#');
    expect(text).toBe('89161234567');
    const next = callTurn(salon, s, { type: 'speech', text: text! }, { now: NOW });
    expect(next.state.fields.phone).toBe('+79161234567');
  });

  it('1 and 2 answer a confirmation; 0 asks for a person; digits that mean nothing here are ignored', () => {
    const confirming = after(['хочу записаться на маникюр в пятницу в три', '8 916 123 45 67']);
    expect(confirming.phase).toBe('confirming');
    expect(dtmfUtterance(salon, confirming, '1')).toBe('да');
    expect(dtmfUtterance(salon, confirming, '2')).toBe('нет');
    expect(dtmfUtterance(salon, confirming, '7')).toBeNull();
    const open = after([]);
    expect(dtmfUtterance(salon, open, '0')).toBe('соедините с администратором');
    expect(dtmfUtterance(salon, open, '5')).toBeNull();
  });

  it('a reminder call: «нажмите 1, если придёте»', () => {
    const config = { ...bookingSalon(), reminders: RemindersConfigSchema.parse({}) };
    const state = createReminderDialog(config, { id: 'rem_1', booking_id: 'b1', service: 'Маникюр', date: '2026-11-27', time: '15:00', staff: null, name: null, voicemail: 'message' });
    expect(dtmfUtterance(config, state, '1')).toBe('да приду');
    const step = callTurn(config, callTurn(config, state, { type: 'start' }, { now: NOW }).state, { type: 'speech', text: dtmfUtterance(config, state, '1')! }, { now: NOW });
    expect(step.state.outcome).toBe('booking_confirmed');
    expect(dtmfUtterance(config, state, '3')).toBe('отмените запись');
  });

});
