import type { CallFacts } from './call-facts.ts';

/** Outcomes the engine sets when a call cancelled or moved an existing booking (core/engine booking-manage). */
export const BOOKING_CANCELLED = 'booking_cancelled';
export const BOOKING_RESCHEDULED = 'booking_rescheduled';

/** The booking a call cancelled, or where it moved one to; any part may be unknown. */
export interface BookingChange {
  service: string | null;
  /** `YYYY-MM-DD`. */
  date: string | null;
  /** `HH:MM`. */
  time: string | null;
  staff: string | null;
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const DAY_MONTH = new RegExp(`(\\d{1,2}) (${MONTHS.join('|')})(?: (\\d{4}))?`, 'u');
// The engine's confirmations: "Готово, перенесла: маникюр, в пятницу, 27 ноября, в 18:00, мастер Ольга." and,
// before a cancel, "Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. Отменить её?".
const MOVED = /перенесла:\s*(.+?)\.(?:\s|$)/u;
const TO_CANCEL = /Нашла запись:\s*(.+?)\.\s*Отменить/u;
const RECORD = /^(.+?), (.+), в (\d{1,2}:\d{2})(?:, мастер (.+))?$/u;
const HALF_YEAR_MS = 183 * 86_400_000;

type ChangeFacts = Pick<CallFacts, 'outcome' | 'fields' | 'turns' | 'startedAt'>;

/** "28 ноября" said during a call on `startedAt`: this year, or the next one for a date more than half a year back. */
function isoDate(spoken: string, startedAt: number): string | null {
  const m = DAY_MONTH.exec(spoken);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!);
  let year = m[3] ? Number(m[3]) : new Date(startedAt).getUTCFullYear();
  if (!m[3] && Date.UTC(year, month, Number(m[1])) < startedAt - HALF_YEAR_MS) year += 1;
  return `${year}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** The last bot line of the call that names the booking, parsed ("маникюр, в пятницу, 27 ноября, в 18:00, мастер Ольга"). */
function fromTranscript(facts: ChangeFacts, line: RegExp): BookingChange | null {
  for (const turn of [...facts.turns].reverse()) {
    if (turn.role !== 'bot') continue;
    const said = line.exec(turn.text)?.[1];
    const rec = said ? RECORD.exec(said) : null;
    if (rec) return { service: rec[1]!, date: isoDate(rec[2]!, facts.startedAt), time: rec[3]!.padStart(5, '0'), staff: rec[4] ?? null };
  }
  return null;
}

const str = (v: string | number | undefined) => (v === undefined || String(v).trim() === '' ? null : String(v));

/**
 * For a cancelled or rescheduled booking: which one, and (for a move) its new date and time, from the call's fields
 * (the engine records the managed booking there), else from the bot's own confirmation in the transcript (results
 * of agent-hosts from before that change).
 * Null for other outcomes.
 */
export function bookingChange(facts: ChangeFacts): BookingChange | null {
  if (facts.outcome !== BOOKING_CANCELLED && facts.outcome !== BOOKING_RESCHEDULED) return null;
  const said = fromTranscript(facts, facts.outcome === BOOKING_RESCHEDULED ? MOVED : TO_CANCEL);
  const f = facts.fields;
  return {
    service: str(f.service) ?? said?.service ?? null,
    date: str(f.date) ?? said?.date ?? null,
    time: str(f.time) ?? said?.time ?? null,
    staff: str(f.staff) ?? str(f.master) ?? said?.staff ?? null,
  };
}
