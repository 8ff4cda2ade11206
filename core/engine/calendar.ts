const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a time zone; formatters are cached per zone
 * because building one costs far more than a dialog turn.
 */
export function localDate(now: Date, timezone: string): string {
  let fmt = formatters.get(timezone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, fmt);
  }
  return fmt.format(now);
}

/** Days from `from` to `to`, both `YYYY-MM-DD`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((isoToUtc(to) - isoToUtc(from)) / 86_400_000);
}

/** Day of week of a `YYYY-MM-DD` date, 0 = Sunday. */
export function weekday(iso: string): number {
  return new Date(isoToUtc(iso)).getUTCDay();
}

function isoToUtc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** `YYYY-MM-DD` plus `n` days. */
export function addDaysIso(iso: string, n: number): string {
  return new Date(isoToUtc(iso) + n * 86_400_000).toISOString().slice(0, 10);
}
