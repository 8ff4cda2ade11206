import type { CollectField, Scenario } from '../config/bot-config.ts';
import {
  extractDates,
  extractNames,
  extractNumbers,
  extractPhones,
  extractTimes,
  type Extracted,
  type ParseContext,
} from '../parse/index.ts';
import { tokenize, toNominative } from '../text/index.ts';
import type { NumberMention } from '../parse/numbers.ts';
import { attributeNumbers, durationNotClock } from './number-fields.ts';
import { pickEnumOptions } from './enum-fields.ts';
import { fieldKind, type FieldKind } from './field-kind.ts';
import { freeTextRemainder, isContent, maskSpans, type Span } from './remainder.ts';
import type { LanguagePack } from './templates/index.ts';
import type { FieldValue } from './types.ts';

/** A value recognised for a field, with where it was said. */
export interface FieldHit extends Span {
  field: string;
  value: FieldValue;
}

export interface ExtractOptions {
  parse: ParseContext;
  pack: LanguagePack;
  /** Values already collected: decide which of two same-kind fields a value goes to. */
  filled: Readonly<Record<string, FieldValue>>;
  /** The field the bot is asking for: a bare number, name or free text is taken only for it. */
  pending: string | null;
  /** A free-text field that may take the remainder even though it is not pending (clear content only). */
  textCandidate: string | null;
  /** Spans to cut from free text besides the recognised values (trigger words). */
  cut: readonly Span[];
}

// Words that make a mention of another option a change of mind: "нет, лучше детская", "давайте всё-таки портрет".
const CORRECTION_CUE = /(?:^|[\s,])(?:нет|не|лучше|поменяйте|измените|давайте|хотя|передумал\p{L}*|всё-таки|все-таки)(?=[\s,]|$)/iu;

/** Typed extractors in the order they claim text: a phone's digits must not become a time, nor a date's. */
const ORDER: readonly FieldKind[] = ['phone', 'date', 'time', 'enum', 'name', 'number'];

/**
 * Every value an utterance gives for a scenario's fields, in any order and several at once:
 * a phone, a date, a time (the LAST mention wins, so "не в три, а в четыре" means four),
 * enum options, a name, a number, and free text from what remains.
 */
export function extractFieldValues(scenario: Scenario, text: string, opts: ExtractOptions): FieldHit[] {
  const hits: FieldHit[] = [];
  const claimed: Span[] = [];
  let masked = text;
  const fields = scenario.collect_fields.map((f) => ({ field: f, kind: fieldKind(f) }));
  const pendingText = fields.some((f) => f.field.name === opts.pending && f.kind === 'text');
  for (const kind of ORDER) {
    const ofKind = fields.filter((f) => f.kind === kind).map((f) => f.field);
    if (!ofKind.length) continue;
    const target = pickTarget(ofKind, opts);
    let found = kind === 'enum' ? null : runExtractor(kind, masked, opts.parse, target.name === opts.pending);
    if (kind === 'time' && found) {
      const numbers = fields.filter((f) => f.kind === 'number').map((f) => f.field);
      found = found.filter((t) => !durationNotClock(masked.slice(t.start, t.end), numbers));
    }
    if (kind === 'enum') {
      for (const pick of pickEnumOptions(masked, ofKind, opts.pending)) {
        // A free-text answer that mentions an option already chosen ("шины привезу свои") keeps its words; one that
        // names another option describes, it does not change the choice ("я с мужем и ребёнком"), unless corrected.
        const chosen = opts.filled[pick.field];
        if (pendingText && chosen !== undefined && (chosen === pick.value || !CORRECTION_CUE.test(masked))) continue;
        hits.push({ field: pick.field, value: pick.value, start: pick.start, end: pick.end });
        claimed.push(...pick.spans);
        masked = maskSpans(masked, pick.spans);
      }
      continue;
    }
    if (kind === 'number') {
      const picks = attributeNumbers(masked, (found ?? []) as NumberMention[], ofKind, {
        pending: opts.pending,
        filled: opts.filled,
        ownNames: (f) => ownNames(f, opts.pack),
      });
      hits.push(...picks);
      claimed.push(...picks);
      masked = maskSpans(masked, picks);
      continue;
    }
    if (!found?.length) continue;
    const chosen = found[found.length - 1];
    // Every date, time and phone is cut from free text; a name only when it was taken.
    const cut = kind === 'name' ? (chosen ? [chosen] : []) : found;
    claimed.push(...cut);
    masked = maskSpans(masked, cut);
    if (chosen) hits.push({ field: target.name, value: chosen.value, start: chosen.start, end: chosen.end });
  }
  const textField = pickTextField(fields, opts);
  if (textField) {
    const names = scenario.collect_fields.flatMap((f) => [...ownNames(f, opts.pack), ...typeNames(f, opts.pack)]);
    // The field's own label names it, it is not its value ("за вещами" for the field labelled "вещи").
    if (textField.label) names.push(...tokenize(textField.label));
    const rest = freeTextRemainder(text, [...claimed, ...opts.cut], opts.pack, names);
    const asked = opts.pending === textField.name;
    // Stored in the nominative: "стрижку" is kept and read back as "стрижка".
    if (rest && (asked ? true : isContent(rest))) hits.push({ field: textField.name, value: toNominative(rest), start: 0, end: 0 });
  }
  return hits;
}

function pickTarget(ofKind: CollectField[], opts: ExtractOptions): CollectField {
  return (
    ofKind.find((f) => f.name === opts.pending) ??
    ofKind.find((f) => opts.filled[f.name] === undefined) ??
    (ofKind[0] as CollectField)
  );
}

function runExtractor(kind: FieldKind, text: string, ctx: ParseContext, asked: boolean): Extracted<FieldValue>[] {
  switch (kind) {
    case 'phone':
      return extractPhones(text);
    case 'date':
      return extractDates(text, ctx);
    case 'time':
      return extractTimes(text, ctx);
    case 'name':
      return extractNames(text, { asked });
    case 'number':
      return extractNumbers(text);
    default:
      return [];
  }
}

function pickTextField(fields: { field: CollectField; kind: FieldKind }[], opts: ExtractOptions): CollectField | null {
  const texts = fields.filter((f) => f.kind === 'text').map((f) => f.field);
  const pending = texts.find((f) => f.name === opts.pending);
  return pending ?? texts.find((f) => f.name === opts.textCandidate) ?? null;
}

/** Words that name the field itself, cut from its free-text value ("услугу маникюр" → "маникюр"). */
function ownNames(field: CollectField, pack: LanguagePack): readonly string[] {
  return pack.understanding.fieldNames[field.name] ?? [];
}

function typeNames(field: CollectField, pack: LanguagePack): readonly string[] {
  return pack.understanding.fieldNames[fieldKind(field)] ?? [];
}
