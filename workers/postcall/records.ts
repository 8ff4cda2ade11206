import { eq } from 'drizzle-orm';
import { schema, type Db } from '../db/client.ts';
import { newId } from '../lib/ids.ts';
import { bookingChange } from './booking-change.ts';
import type { CallFacts } from './call-facts.ts';
import type { Outcome } from './extract-outcome.ts';

/** Outcomes that are no result for the business: no lead row, and no conversion in analytics. */
export const NO_RESULT_OUTCOMES: readonly string[] = ['wrong_number', 'no_intent'];

/**
 * Which table an outcome lands in: anything mentioning "booking" is a booking (created, cancelled or rescheduled —
 * the row's `outcome` says which), every other outcome a lead.
 */
export function recordKind(outcome: string | null): 'booking' | 'lead' | null {
  // A wrong number or a caller who never said what they wanted is no lead (the call itself is still stored).
  if (!outcome || NO_RESULT_OUTCOMES.includes(outcome)) return null;
  return outcome.includes('booking') ? 'booking' : 'lead';
}

const str = (v: string | number | undefined): string | null => (v === undefined || String(v).trim() === '' ? null : String(v));

/**
 * Writes the booking or lead row for a processed call. Both tables are unique on `call_id`, so a redelivered
 * queue message finds the row already there and inserts nothing.
 */
export async function saveOutcomeRecord(d: Db, facts: CallFacts, outcome: Outcome): Promise<'booking' | 'lead' | null> {
  const kind = recordKind(outcome.outcome);
  if (!kind || !outcome.outcome) return null;
  const f = outcome.fields;
  const common = {
    callId: facts.id,
    companyId: facts.companyId,
    botId: facts.botId,
    outcome: outcome.outcome,
    name: str(f.name) ?? outcome.extracted?.caller_name ?? null,
    phone: str(f.phone) ?? facts.callerNumber,
    fieldsJson: JSON.stringify(f),
  };
  if (kind === 'booking') {
    // A cancel or a move names the booking it changed (a move: its new time), not what the fields collected.
    const change = bookingChange(facts);
    await d.insert(schema.bookings)
      .values({ id: newId('bkg'), ...common, service: change?.service ?? str(f.service), date: change?.date ?? str(f.date), time: change?.time ?? str(f.time) })
      .onConflictDoNothing();
  } else {
    await d.insert(schema.leads)
      .values({
        id: newId('lead'),
        ...common,
        intent: outcome.extracted?.intent ?? facts.scenario,
        quality: outcome.extracted?.lead_quality ?? null,
      })
      .onConflictDoNothing();
  }
  return kind;
}

export type BookingRow = typeof schema.bookings.$inferSelect;
export type LeadRow = typeof schema.leads.$inferSelect;

/** The booking and lead rows of one call (at most one of them exists). */
export async function recordsForCall(d: Db, callId: string): Promise<{ booking: BookingRow | null; lead: LeadRow | null }> {
  const [booking, lead] = await Promise.all([
    d.select().from(schema.bookings).where(eq(schema.bookings.callId, callId)).get(),
    d.select().from(schema.leads).where(eq(schema.leads.callId, callId)).get(),
  ]);
  return { booking: booking ?? null, lead: lead ?? null };
}
