import type { EndedBy, ReplySource } from '../call-result.ts';
import type { AvailabilityAnswer, AvailabilityQuery, BookingOp, BookingOpResult } from '../booking/index.ts';
import type { BookingDialogState } from './booking-state.ts';

/** Where the conversation stands; `idle` is before the greeting, `ended` after the goodbye. */
export type DialogPhase =
  | 'idle'
  | 'open'
  | 'collecting'
  | 'confirming'
  | 'changing'
  | 'wrapping_up'
  | 'ended';

/** A collected, normalized field value (`YYYY-MM-DD`, `HH:MM`, `+7…`, a number, or text). */
export type FieldValue = string | number;

/**
 * The whole dialog state: plain JSON data, safe to serialize, copy and compare.
 * Only the engine changes it; hosts keep it and pass it back on the next turn.
 */
export interface DialogState {
  phase: DialogPhase;
  /** Active (or last) scenario; a knowledge-only scenario is recorded only when no other was active. */
  scenario: string | null;
  /** Field the bot is asking for right now. */
  pending: string | null;
  fields: Record<string, FieldValue>;
  outcome: string | null;
  endedBy: EndedBy | null;
  /** Caller utterances handled so far (silences not counted). */
  callerTurns: number;
  /** Consecutive silences. */
  silences: number;
  /** The last question the bot asked, repeated after a silence or an answer from the knowledge base. */
  lastQuestion: string | null;
  /** An outstanding knowledge-base request, answered by a `knowledge_result` input. */
  knowledge: { query: string; questionLike: boolean } | null;
  /** Replies in a row that understood nothing; the second offers a person, the third says goodbye. */
  fallbacks?: number;
  /** A yes/no offer awaiting the answer: a person (`handoff`) or the caller's own number (`caller_phone`). */
  offer?: 'handoff' | 'caller_phone' | null;
  /** The caller's own number (caller ID), offered once for the phone field, then forgotten. */
  caller?: string | null;
  /** Digits of a phone number dictated over several turns, not yet a whole number. */
  phoneDigits?: string;
  /** Optional fields the caller chose to skip. */
  skipped?: string[];
  /** The whole last reply, said again on "повторите". */
  lastReply?: string | null;
  /** Real bookings (bots with `booking:` config): checked slots, offers, a reschedule/cancel in progress. */
  booking?: BookingDialogState | null;
  /** A part of the day said without an hour ("вечером"): times in it are offered, a later bare hour is read in it. */
  dayPart?: 'morning' | 'afternoon' | 'evening' | null;
  /** The handoff to a person: where to, the outcome before it (restored if it fails), and whether it failed. */
  transfer?: { to: string; outcomeBefore: string | null; failed: boolean } | null;
}

/** What happened on the line since the last turn. */
export type DialogInput =
  | { type: 'start' }
  | { type: 'speech'; text: string }
  | { type: 'silence' }
  | { type: 'knowledge_result'; answer: string | null }
  /** The answer to an `availability_request` (null: the booking system did not answer). */
  | { type: 'availability_result'; answer: AvailabilityAnswer | null }
  /** The answer to a `booking_request` (null: the booking system did not answer). */
  | { type: 'booking_result'; result: BookingOpResult | null }
  /** The host could not carry out the `transfer` action: the call goes on with a callback request. */
  | { type: 'transfer_failed' };

/** Something the host must do after a turn. */
export type DialogAction =
  | { type: 'say'; text: string; source: ReplySource }
  | { type: 'knowledge_request'; query: string }
  /** Ask the booking system for free slots; answer with an `availability_result` input. */
  | { type: 'availability_request'; query: AvailabilityQuery }
  /** Book, find, move or cancel (key `<scenario>:<n>`: prefix it with the call id); answer with a `booking_result`. */
  | { type: 'booking_request'; op: BookingOp }
  /**
   * Hand the call to a person (SIP REFER to a number or URI); an `end` with `endedBy: 'transfer'` follows. A host
   * that fails to transfer answers with a `transfer_failed` input before it closes the call: the ended dialog
   * reopens as a callback request.
   */
  | { type: 'transfer'; to: string }
  | { type: 'end'; endedBy: EndedBy };

/**
 * Result of one turn. Actions come in one of these shapes: `[]` (nothing to do),
 * `[say]`, `[say, end]`, `[say, transfer, end]` (answer a failed transfer with `transfer_failed`), or
 * `[knowledge_request]` (answer it with a `knowledge_result` input).
 */
export interface DialogStep {
  state: DialogState;
  actions: DialogAction[];
}

/** Per-turn inputs the engine may not read by itself. */
export interface DialogContext {
  /** Current instant; relative dates ("завтра") are resolved in the config's timezone. */
  now: Date;
}

/** Options for a new dialog. */
export interface DialogOptions {
  /** Start straight in this scenario (outbound calls): the greeting is followed by its first question. */
  scenario?: string;
  /** The caller's number from caller ID (E.164); offered as a confirmation when a phone is asked. */
  callerNumber?: string;
}
