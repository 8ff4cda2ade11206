import { z } from 'zod';
import { HhmmSchema, IsoDateSchema, SlotSchema } from './types.ts';

/**
 * The wire shapes between the engine (actions/inputs), the agent-host and the Worker's internal booking routes.
 * Services and staff travel as the caller's words or ids; the provider resolves them.
 */
export const AvailabilityQuerySchema = z.strictObject({
  service: z.string().min(1).describe('Service id or the words a caller used ("маникюр")'),
  date: IsoDateSchema,
  time: HhmmSchema.nullish().describe('The time the caller asked for, if any'),
  staff: z.string().min(1).nullish().describe('Staff id or name ("Ольга")'),
});
export type AvailabilityQuery = z.infer<typeof AvailabilityQuerySchema>;

export const AVAILABILITY_STATUSES = ['ok', 'unknown_service', 'unknown_staff', 'error'] as const;

export const AvailabilityAnswerSchema = z.object({
  status: z.enum(AVAILABILITY_STATUSES),
  service: z.string().nullable().describe('Resolved service name'),
  date: IsoDateSchema,
  /** Free slots that day (capped), earliest first. */
  free: z.array(SlotSchema),
  /** The asked-for time when it is free. */
  requested: SlotSchema.nullable(),
  /** Nearest free times to the asked-for one (when it is taken). */
  alternatives: z.array(SlotSchema),
  /** Next dates with free slots when this date has none. */
  nextDates: z.array(IsoDateSchema),
});
export type AvailabilityAnswer = z.infer<typeof AvailabilityAnswerSchema>;

export const BookingRecordSchema = z.object({
  id: z.string(),
  service: z.string(),
  date: IsoDateSchema,
  time: HhmmSchema,
  staffName: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['confirmed', 'cancelled']),
});
export type BookingRecord = z.infer<typeof BookingRecordSchema>;

export const BookingOpSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('create'),
    idempotencyKey: z.string().min(1).max(200),
    service: z.string().min(1),
    date: IsoDateSchema,
    time: HhmmSchema,
    staff: z.string().min(1).nullish(),
    phone: z.string().nullish(),
    name: z.string().nullish(),
  }),
  z.strictObject({ op: z.literal('find'), phone: z.string().min(5) }),
  z.strictObject({ op: z.literal('cancel'), bookingId: z.string().min(1) }),
  z.strictObject({
    op: z.literal('move'),
    bookingId: z.string().min(1),
    idempotencyKey: z.string().min(1).max(200),
    date: IsoDateSchema,
    time: HhmmSchema,
    staff: z.string().min(1).nullish(),
  }),
]);
export type BookingOp = z.infer<typeof BookingOpSchema>;

export const BookingOpResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('booked'), booking: BookingRecordSchema }),
  z.object({ status: z.literal('taken'), alternatives: z.array(SlotSchema) }),
  z.object({ status: z.literal('found'), bookings: z.array(BookingRecordSchema) }),
  z.object({ status: z.literal('cancelled'), booking: BookingRecordSchema }),
  z.object({ status: z.literal('error'), message: z.string() }),
]);
export type BookingOpResult = z.infer<typeof BookingOpResultSchema>;
