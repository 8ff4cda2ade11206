import type { BotConfig } from '../config/bot-config.ts';
import { fieldKind } from './field-kind.ts';
import type { ReminderState } from './reminder-call.ts';
import type { DialogState } from './types.ts';

/** What of the dialog state the digits' meaning depends on (hosts may hold a narrower view of the state). */
export type DtmfContext = Readonly<Pick<DialogState, 'phase' | 'scenario' | 'pending'> & Partial<Pick<DialogState, 'offer'>> & { reminder?: Pick<ReminderState, 'stage'> }>;

/** Keys of a reminder call: «нажмите 1, если придёте, 2 — перенести, 3 — отменить». */
const REMINDER_KEYS: Record<string, Record<string, string>> = {
  ask: { '1': 'да приду', '2': 'перенесите запись', '3': 'отмените запись' },
  no: { '1': 'перенесите запись', '2': 'отмените запись' },
};

/**
 * Keypad digits (RFC 4733 through LiveKit SIP) as the words the engine understands at this point of the call:
 * digits where a phone or a number is asked, 1/2 for yes/no where a confirmation is asked, the reminder call's menu,
 * 0 for a person anywhere else. Null when the digits mean nothing here.
 * @example dtmfUtterance(config, state, '89161234567#') // '89161234567' while the phone is asked
 */
export function dtmfUtterance(config: BotConfig, state: DtmfContext, keys: string): string | null {
  const digits = keys.replace(/[#*]+$/, '');
  if (!/^[0-9*]+$/.test(digits) || state.phase === 'ended') return null;
  if (state.reminder) return REMINDER_KEYS[state.reminder.stage]?.[digits] ?? (state.reminder.stage === 'pick' ? digits : null);
  const field = state.pending
    ? config.scenarios.find((s) => s.name === state.scenario)?.collect_fields.find((f) => f.name === state.pending)
    : undefined;
  const kind = field ? fieldKind(field) : null;
  if (kind === 'phone' || kind === 'number') return digits;
  if (state.phase === 'confirming' || state.offer) return digits === '1' ? 'да' : digits === '2' ? 'нет' : null;
  if (kind === 'enum' && field?.options) {
    const option = field.options[Number(digits) - 1];
    if (option) return typeof option === 'string' ? option : option.value;
  }
  if (digits === '0') return 'соедините с администратором';
  return kind ? digits : null;
}
