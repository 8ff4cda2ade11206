import { z } from 'zod';
import type { Slot } from '../booking/index.ts';
import type { DialogState } from './types.ts';

/**
 * The appointment a reminder call is about; the dialer puts it in the call's dispatch metadata (`reminder`), the
 * host hands it to {@link createReminderDialog}. Dates and times are local to the bot's time zone.
 */
export const ReminderCallSchema = z.object({
  /** The Worker's reminder id (`rem_…`), returned in the CallResult's fields so the result updates it. */
  id: z.string().min(1).max(100),
  booking_id: z.string().min(1).max(100),
  service: z.string().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  staff: z.string().max(100).nullable().default(null),
  name: z.string().max(100).nullable().default(null),
  /** An answering machine: leave a message or hang up (the bot's `reminders.voicemail`). */
  voicemail: z.enum(['message', 'hangup']).default('message'),
});
export type ReminderCall = z.infer<typeof ReminderCallSchema>;

/** Where a reminder conversation stands. */
export type ReminderStage =
  /** «Вы придёте?» asked. */
  | 'ask'
  /** The customer said no: move or cancel? */
  | 'no'
  /** Moving: which day (and time). */
  | 'when'
  /** Moving: pick one of the offered times. */
  | 'pick'
  | 'done';

export interface ReminderState {
  call: ReminderCall;
  stage: ReminderStage;
  /** The outstanding booking request. */
  waiting: 'cancel' | 'move' | null;
  /** Times offered when the asked one was taken. */
  offers: Slot[];
  /** The day and time the last move asked for. */
  date: string | null;
  time: string | null;
  /** Replies in a row that were not understood (or silences). */
  misses: number;
}

/** The engine's dialog state of a reminder call: plain JSON, as opaque to hosts as the rest. */
export type ReminderDialogState = DialogState & { reminder: ReminderState };

/** Outcomes a reminder call can end with (besides the booking ones the engine knows). */
export const REMINDER_OUTCOMES = {
  confirmed: 'booking_confirmed',
  cancelled: 'booking_cancelled',
  moved: 'booking_rescheduled',
  doNotCall: 'do_not_call',
  voicemail: 'voicemail',
  callback: 'callback_requested',
  wrongPerson: 'wrong_number',
} as const;

/** Field naming the reminder in the CallResult. */
export const REMINDER_ID_FIELD = 'reminder_id';

export const isReminderState = (s: DialogState): s is ReminderDialogState =>
  typeof (s as Partial<ReminderDialogState>).reminder === 'object' && (s as Partial<ReminderDialogState>).reminder !== null;
