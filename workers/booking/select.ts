import { BookingConfigSchema, type BookingConfig } from '../../core/config/booking-config.ts';
import type { Env } from '../env.ts';
import { BuiltinProvider } from './builtin.ts';
import { withinBookingHorizon } from './date-horizon.ts';
import { BookingError, localWallClock, type BookingProvider } from './provider.ts';
import { ALTEGIO_ACCEPT, ALTEGIO_API, YclientsClient } from './yclients-client.ts';
import { YclientsProvider } from './yclients-provider.ts';

/** Worker secrets of external booking systems (set with `wrangler secret put`). */
export type BookingEnv = Env & {
  YCLIENTS_PARTNER_TOKEN?: string;
  YCLIENTS_USER_TOKEN?: string;
  YCLIENTS_BASE_URL?: string;
  ALTEGIO_PARTNER_TOKEN?: string;
  ALTEGIO_USER_TOKEN?: string;
  ALTEGIO_BASE_URL?: string;
};

/** The bot's stored row, as far as booking needs it. */
export interface BookingBot {
  id: string;
  companyId: string;
  configJson: string;
}

/** The `booking:` section of a stored bot config (defaults applied), or null when the bot has none. */
export function bookingConfigOf(bot: BookingBot): BookingConfig | null {
  const raw = (JSON.parse(bot.configJson) as { booking?: unknown }).booking;
  if (raw === undefined) return null;
  const parsed = BookingConfigSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The bot's timezone from its stored config (default Europe/Moscow). */
export function botTimezone(bot: BookingBot): string {
  const tz = (JSON.parse(bot.configJson) as { timezone?: unknown }).timezone;
  return typeof tz === 'string' && tz ? tz : 'Europe/Moscow';
}

/** "Now" on the business's wall clock, `YYYY-MM-DD HH:MM`. */
export const businessNow = (bot: BookingBot, instant = new Date()) => localWallClock(instant, botTimezone(bot));

/**
 * The booking system a bot's calls use: YCLIENTS or Altegio when configured (tokens from Worker secrets), else the
 * built-in calendar. Altegio speaks YCLIENTS' protocol (same paths, envelope, error codes): the same client with
 * Altegio's host and its documented Accept header.
 * @throws BookingError('misconfigured') when YCLIENTS/Altegio is chosen but its secrets are missing.
 */
export function providerFor(env: BookingEnv, bot: BookingBot): BookingProvider {
  const config = bookingConfigOf(bot);
  if (config?.provider === 'yclients' && config.yclients) {
    if (!env.YCLIENTS_PARTNER_TOKEN || !env.YCLIENTS_USER_TOKEN) {
      throw new BookingError('misconfigured', 'YCLIENTS needs the Worker secrets YCLIENTS_PARTNER_TOKEN and YCLIENTS_USER_TOKEN');
    }
    const client = new YclientsClient({
      partnerToken: env.YCLIENTS_PARTNER_TOKEN,
      userToken: env.YCLIENTS_USER_TOKEN,
      baseUrl: env.YCLIENTS_BASE_URL,
    });
    return withinBookingHorizon(new YclientsProvider(client, config.yclients.company_id));
  }
  if (config?.provider === 'altegio' && config.altegio) {
    if (!env.ALTEGIO_PARTNER_TOKEN || !env.ALTEGIO_USER_TOKEN) {
      throw new BookingError('misconfigured', 'Altegio needs the Worker secrets ALTEGIO_PARTNER_TOKEN and ALTEGIO_USER_TOKEN');
    }
    const client = new YclientsClient({
      partnerToken: env.ALTEGIO_PARTNER_TOKEN,
      userToken: env.ALTEGIO_USER_TOKEN,
      baseUrl: env.ALTEGIO_BASE_URL ?? ALTEGIO_API,
      accept: ALTEGIO_ACCEPT,
    });
    return withinBookingHorizon(new YclientsProvider(client, config.altegio.location_id, 'altegio'));
  }
  return withinBookingHorizon(new BuiltinProvider(env.DB, bot));
}
