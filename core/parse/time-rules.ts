import { minutesOf } from './clock.ts';

/** Part of the day said with an hour: "утра", "дня", "вечера", "ночи" (or "утром", "вечером", ...). */
export type DayPart = 'morning' | 'day' | 'evening' | 'night';

const DAY_PARTS: ReadonlyMap<string, DayPart> = new Map([
  ['утра', 'morning'], ['утром', 'morning'],
  ['дня', 'day'], ['днем', 'day'],
  ['вечера', 'evening'], ['вечером', 'evening'],
  ['ночи', 'night'], ['ночью', 'night'],
]);

export function dayPartOf(word: string): DayPart | null {
  return DAY_PARTS.get(word) ?? null;
}

/** 24h hour for an hour said with a part of the day: "три дня" → 15, "семь вечера" → 19, "двенадцать ночи" → 0. */
export function applyDayPart(hour: number, part: DayPart): number {
  if (hour > 12) return hour;
  switch (part) {
    case 'morning':
      return hour === 12 ? 0 : hour;
    case 'day':
      return hour >= 1 && hour <= 7 ? hour + 12 : hour;
    case 'evening':
      return hour === 12 ? 0 : hour >= 1 && hour < 12 ? hour + 12 : hour;
    case 'night':
      return hour === 12 ? 0 : hour >= 6 ? hour + 12 : hour;
  }
}

/**
 * A bare hour 1–12 placed into opening hours: kept if it falls inside [open, close], else moved
 * to the afternoon if that falls inside ("в три" → 15 for 09:00–21:00, "в восемь" → 20).
 */
export function resolveBareHour(hour: number, minute: number, hours: { open: string; close: string }): number {
  if (hour < 1 || hour > 12) return hour;
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const t = hour * 60 + minute;
  const inside = (x: number) => x >= open && x <= close;
  if (inside(t)) return hour;
  if (hour < 12 && inside(t + 720)) return hour + 12;
  return hour;
}
