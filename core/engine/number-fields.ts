import type { CollectField } from '../config/bot-config.ts';
import type { NumberMention } from '../parse/numbers.ts';
import { bareUnitAmount, sameMeasure, unitSense, type UnitSense } from '../text/units.ts';
import { stemWord } from '../text/stem.ts';
import { tokenize, wordTokens, type Token } from '../text/index.ts';
import { companionCount } from './companions.ts';
import type { Span } from './remainder.ts';

/** A number said, or a unit said alone ("на час") with the unit it counts. */
type Mention = NumberMention & { unit?: Extract<UnitSense, { kind: 'duration' }> };

/** A number placed in a number field. */
export interface NumberPick extends Span {
  field: string;
  value: number;
}

// Words of a prompt that say nothing about which number is meant.
const PROMPT_NOISE = new Set(['сколько', 'какой', 'какая', 'какое', 'какую', 'каких', 'будет', 'нужно', 'вам', 'вас', 'ваш', 'ваше', 'на', 'в', 'для', 'по', 'у']);
const PREPOSITIONS = new Set(['на', 'за', 'в', 'до', 'около', 'примерно', 'где-то', 'от', 'по', 'с']);
const PEOPLE_HINT = /(?:челов|гост|персон|участ|взросл|пассаж|люд)/u;

interface FieldUnits {
  field: CollectField;
  unit: UnitSense | null;
  people: boolean;
  /** Stems of the label, own names and prompt words. */
  words: Set<string>;
}

function describe(field: CollectField, ownNames: readonly string[]): FieldUnits {
  const unit = field.unit ? unitSense(tokenize(field.unit)[0] ?? '') : null;
  const about = `${field.label ?? ''} ${field.unit ?? ''} ${field.prompt}`.toLowerCase();
  const people = unit?.kind === 'people' || PEOPLE_HINT.test(about);
  const words = new Set(
    [...tokenize(field.label ?? ''), ...tokenize(field.prompt), ...ownNames, ...tokenize(field.name.replace(/_/g, ' '))]
      .filter((w) => !PROMPT_NOISE.has(w) && w.length > 2)
      .map(stemWord),
  );
  return { field, unit, people, words };
}

/** The word next to a span: after it, or before it past prepositions ("минут на тридцать", "часа три"). */
function neighbours(tokens: readonly Token[], span: Span): { after: Token | undefined; before: Token | undefined } {
  const after = tokens.find((t) => t.start >= span.end);
  let i = tokens.findLastIndex((t) => t.end <= span.start);
  while (i >= 0 && PREPOSITIONS.has(tokens[i]!.text)) i--;
  return { after, before: i >= 0 ? tokens[i] : undefined };
}

/** How strongly a number with these neighbours belongs to a field, and its value in the field's unit. */
function fit(f: FieldUnits, n: Mention, near: ReturnType<typeof neighbours>): { score: number; value: number } {
  if (n.collective) return { score: f.people ? 3 : 0, value: n.value };
  if (n.unit) {
    const ok = f.unit?.kind === 'duration' && n.unit.kind === 'duration';
    return ok ? { score: 3, value: (n.value * n.unit.minutes) / (f.unit as { minutes: number }).minutes } : { score: 0, value: n.value };
  }
  for (const [word, weight] of [[near.after, 3], [near.before, 2]] as const) {
    if (!word || word.digits) continue;
    const sense = unitSense(word.text);
    if (f.unit && sameMeasure(sense, f.unit)) {
      const value = sense.kind === 'duration' && f.unit.kind === 'duration' ? (n.value * sense.minutes) / f.unit.minutes : n.value;
      return { score: weight, value };
    }
    if (sense.kind === 'people' && f.people) return { score: weight, value: n.value };
    if (f.words.has(stemWord(word.text))) return { score: weight - 0.5, value: n.value };
  }
  return { score: 0, value: n.value };
}

/** Words of measure a number carries that no number field uses ("через 2 месяца" for a tooth count). */
function foreignUnit(fields: readonly FieldUnits[], after: Token | undefined): boolean {
  if (!after || after.digits) return false;
  const sense = unitSense(after.text);
  if (sense.kind === 'word') return false;
  return !fields.some((f) => (f.unit && sameMeasure(sense, f.unit)) || (sense.kind === 'people' && f.people));
}

/**
 * Places the numbers of an utterance in number fields by what is said around them, not by their order: a unit
 * after or before the number ("на три ночи", "минут на тридцать", converted: "на час" → 60 minutes), a people
 * count ("нас четверо", "я с женой и двумя детьми"), a word of the field's label or prompt ("заказ номер 1287").
 * A number with no such word goes to the field being asked. The last number placed in a field wins.
 */
export function attributeNumbers(
  text: string,
  found: readonly NumberMention[],
  fields: readonly CollectField[],
  o: { pending: string | null; filled: Readonly<Record<string, unknown>>; ownNames: (f: CollectField) => readonly string[] },
): NumberPick[] {
  const described = fields.map((f) => describe(f, o.ownNames(f)));
  const tokens = wordTokens(text);
  const picks = new Map<string, NumberPick>();
  const people = described.find((f) => f.people);
  const party = people ? companionCount(text) : null;
  const mentions: Mention[] = [...found.filter((n) => !party || n.end <= party.start || n.start >= party.end), ...bareUnits(tokens, found, described)];
  mentions.sort((a, b) => a.start - b.start);
  for (const n of mentions) {
    const near = neighbours(tokens, n);
    let best: { f: FieldUnits; score: number; value: number } | null = null;
    for (const f of described) {
      const { score, value } = fit(f, n, near);
      if (score <= 0) continue;
      const better = !best || score > best.score || (score === best.score && rank(f, o) < rank(best.f, o));
      if (better) best = { f, score, value };
    }
    if (!best) {
      const asked = described.find((f) => f.field.name === o.pending);
      if (!asked || n.collective || foreignUnit(described, near.after)) continue;
      best = { f: asked, score: 0, value: n.value };
    }
    picks.set(best.f.field.name, { field: best.f.field.name, value: best.value, start: n.start, end: n.end });
  }
  if (party && people && !picks.has(people.field.name)) {
    picks.set(people.field.name, { field: people.field.name, value: party.value, start: party.start, end: party.end });
  }
  return [...picks.values()];
}

/** The asked field first, then empty ones, then config order. */
function rank(f: FieldUnits, o: { pending: string | null; filled: Readonly<Record<string, unknown>> }): number {
  if (f.field.name === o.pending) return 0;
  return o.filled[f.field.name] === undefined ? 1 : 2;
}

/** "на час", "на неделю", "полчаса": a unit said without a number, for fields measured in a duration. */
function bareUnits(tokens: readonly Token[], found: readonly NumberMention[], fields: readonly FieldUnits[]): Mention[] {
  if (!fields.some((f) => f.unit?.kind === 'duration')) return [];
  const out: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const bare = bareUnitAmount(t.text);
    if (bare?.sense.kind !== 'duration') continue;
    const prev = tokens[i - 1];
    const counted = found.some((n) => n.end <= t.start && n.end >= (prev?.start ?? 0));
    if (counted || (bare.amount === 1 && (!prev || !['на', 'за'].includes(prev.text)) && tokens.length > 1)) continue;
    out.push({ value: bare.amount, start: t.start, end: t.end, unit: bare.sense });
  }
  return out;
}

const CLOCK_CUE = /^(?:в|во|к|ко|около|после|до|с|со|часов|часам)\s/u;
const HOURS_SAID = /\sчас(?:а|ов)?$/u;
const DAY_PART = /(?:утра|дня|вечера|ночи)/u;

/**
 * Whether a time the clock parser read ("четыре часа", "на два часа") is rather a number of hours, because the
 * scenario counts something in hours or minutes and no clock cue ("в", "к", "утра") was said.
 */
export function durationNotClock(span: string, fields: readonly CollectField[]): boolean {
  const said = span.trim().toLowerCase();
  if (CLOCK_CUE.test(said) || !HOURS_SAID.test(said) || DAY_PART.test(said)) return false;
  return fields.some((f) => {
    const unit = f.unit ? unitSense(tokenize(f.unit)[0] ?? '') : null;
    return unit?.kind === 'duration' && unit.minutes <= 60;
  });
}
