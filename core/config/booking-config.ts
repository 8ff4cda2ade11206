import { z } from 'zod';

export const BOOKING_PROVIDERS = ['builtin', 'yclients', 'altegio'] as const;

/**
 * Real bookings for the bot's booking scenario: free slots are checked during the call and the appointment is
 * made on confirmation. Tokens (YCLIENTS_PARTNER_TOKEN, YCLIENTS_USER_TOKEN; ALTEGIO_PARTNER_TOKEN, ALTEGIO_USER_TOKEN) are
 * Worker secrets, never config.
 * @example booking: { provider: builtin }
 * @example booking: { provider: yclients, yclients: { company_id: 123456 } }
 * @example booking: { provider: altegio, altegio: { location_id: 123456 } }
 */
export const BookingConfigSchema = z
  .strictObject({
    provider: z.enum(BOOKING_PROVIDERS).default('builtin'),
    /** The scenario that books (default: the one with `on_complete: booking_created`, else one collecting a date and a time). */
    scenario: z.string().min(1).optional(),
    /** Which collected fields hold the service, date, time, phone and name. */
    fields: z
      .strictObject({
        service: z.string().default('service'),
        date: z.string().default('date'),
        time: z.string().default('time'),
        phone: z.string().default('phone'),
        name: z.string().default('name'),
      })
      .prefault({}),
    /** How many alternative times to offer when the asked one is taken. */
    offer_count: z.number().int().min(1).max(4).default(2),
    yclients: z.strictObject({ company_id: z.number().int().positive() }).optional(),
    /** Altegio (YCLIENTS' international edition, the same API family): its location id. */
    altegio: z.strictObject({ location_id: z.number().int().positive() }).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.provider === 'yclients' && !b.yclients) {
      ctx.addIssue({ code: 'custom', path: ['yclients'], message: 'provider "yclients" needs yclients.company_id (the salon id in YCLIENTS)' });
    }
    if (b.provider === 'altegio' && !b.altegio) {
      ctx.addIssue({ code: 'custom', path: ['altegio'], message: 'provider "altegio" needs altegio.location_id (the location id in Altegio)' });
    }
  });
export type BookingConfig = z.infer<typeof BookingConfigSchema>;
