import type { CollectField, Scenario } from '../config/bot-config.ts';
import { localNow } from '../parse/index.ts';
import { normalizeText } from '../text/normalize.ts';
import type { FieldHit } from './extract.ts';
import { fieldKind } from './field-kind.ts';
import type { Turn } from './handlers/turn.ts';
import { dateOf, hoursOn } from './validate.ts';

/** A part of the day said without an hour: the caller wants a time in it. */
export type VaguePart = 'morning' | 'afternoon' | 'evening';

const PARTS: ReadonlyArray<readonly [VaguePart, RegExp]> = [
  ['morning', /(?:^| )(?:утром|с утра|с утречка|утречком|в первой половине дня|пораньше)(?= |$)/u],
  ['afternoon', /(?:^| )(?:после обеда|днем|во второй половине дня|ближе к обеду)(?= |$)/u],
  ['evening', /(?:^| )(?:вечером|ближе к вечеру|под вечер|после работы|попозже|вечерком)(?= |$)/u],
];
// Where each part starts and ends (minutes), before the day's own hours cut it.
const RANGES: Readonly<Record<VaguePart, readonly [number, number]>> = {
  morning: [0, 12 * 60],
  afternoon: [14 * 60, 18 * 60],
  evening: [18 * 60, 24 * 60],
};
const OFFERED = 3;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The part of the day an utterance names ("в пятницу вечером", "после обеда"), if any. */
export function vaguePart(text: string): VaguePart | null {
  const norm = normalizeText(text);
  return PARTS.find(([, re]) => re.test(norm))?.[0] ?? null;
}

/**
 * A part of the day said without an hour is remembered for the time question (which then offers times in it), and a
 * time the parser guessed from it alone ("после обеда" → 14:00) is not stored; a bare hour said later ("в восемь",
 * after "вечером") is read in that part. Returns the hits to store.
 */
export function placeDayPart(t: Turn, scenario: Scenario, text: string, hits: FieldHit[]): FieldHit[] {
  const timeField = scenario.collect_fields.find((f) => fieldKind(f) === 'time');
  if (!timeField) return hits;
  const part = vaguePart(text);
  const timeHit = hits.find((h) => h.field === timeField.name);
  const explicit = timeHit && /\d|час|в |к |около|половин/u.test(text.slice(timeHit.start, timeHit.end).replace(/после обеда/u, ''));
  if (part && !explicit) {
    t.state.dayPart = part;
    return timeHit ? hits.filter((h) => h !== timeHit) : hits;
  }
  const known = part ?? t.state.dayPart ?? null;
  if (timeHit && typeof timeHit.value === 'string' && known && known !== 'morning') {
    const [h, m] = [Number(timeHit.value.slice(0, 2)), timeHit.value.slice(3)];
    if (h < 12 && h + 12 >= RANGES[known][0] / 60) timeHit.value = `${String(h + 12).padStart(2, '0')}:${m}`;
  }
  if (timeHit) t.state.dayPart = null;
  return hits;
}

/** Up to three whole hours in the remembered part of the day, inside the day's hours and not yet past. */
export function timesToOffer(t: Turn, field: CollectField): string[] {
  const part = t.state.dayPart;
  if (!part || fieldKind(field) !== 'time') return [];
  const date = dateOf(t, t.state.fields);
  const hours = date ? hoursOn(t, date) : t.config.business_hours;
  if (!hours) return [];
  let from = Math.max(RANGES[part][0], minutes(hours.open));
  const to = Math.min(RANGES[part][1], minutes(hours.close) - 60);
  if (date === t.today()) {
    const now = localNow(t.parse);
    from = Math.max(from, (now.hour + 1) * 60);
  }
  const out: string[] = [];
  for (let m = Math.ceil(from / 60) * 60; m <= to && out.length < OFFERED; m += 60) out.push(hhmm(m));
  return out;
}
