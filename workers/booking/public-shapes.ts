import { z } from '@hono/zod-openapi';
import type { AvailabilityAnswer, BookingRecord, Slot } from '../../core/booking/index.ts';

/**
 * The company API's booking answers in snake_case like every other answer (`staff_id`, `next_dates`); the engine's
 * protocol between the agent-host and the Worker's internal routes keeps core's own field names.
 */
export const PublicSlotSchema = z.object({ date: z.string(), time: z.string(), staff_id: z.string(), staff_name: z.string() });
export const PublicAvailabilitySchema = z.object({
  status: z.enum(['ok', 'unknown_service', 'unknown_staff', 'error']),
  service: z.string().nullable().describe('Resolved service name'),
  date: z.string(),
  free: z.array(PublicSlotSchema).describe('Free slots that day (capped), earliest first'),
  requested: PublicSlotSchema.nullable().describe('The asked-for time when it is free'),
  alternatives: z.array(PublicSlotSchema).describe('Nearest free times to the asked-for one (when it is taken)'),
  next_dates: z.array(z.string()).describe('Next dates with free slots when this date has none'),
});
export const PublicBookingSchema = z.object({
  id: z.string(),
  service: z.string(),
  date: z.string(),
  time: z.string(),
  staff_name: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['confirmed', 'cancelled']),
});

export const publicSlot = (s: Slot) => ({ date: s.date, time: s.time, staff_id: s.staffId, staff_name: s.staffName });

export const publicAvailability = (a: AvailabilityAnswer) => ({
  status: a.status,
  service: a.service,
  date: a.date,
  free: a.free.map(publicSlot),
  requested: a.requested && publicSlot(a.requested),
  alternatives: a.alternatives.map(publicSlot),
  next_dates: a.nextDates,
});

export const publicBooking = (b: BookingRecord) => ({ id: b.id, service: b.service, date: b.date, time: b.time, staff_name: b.staffName, phone: b.phone, status: b.status });
