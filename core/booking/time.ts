/** Minutes since midnight of `HH:MM`. */
export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** `HH:MM` of minutes since midnight. */
export function fromMinutes(min: number): string {
  const h = Math.floor(min / 60);
  return `${String(h).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

function utc(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** Day of week of a `YYYY-MM-DD` date, 0 = Sunday. */
export function weekdayOf(iso: string): number {
  return new Date(utc(iso)).getUTCDay();
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(iso: string, days: number): string {
  return new Date(utc(iso) + days * 86_400_000).toISOString().slice(0, 10);
}
