import type { CollectField } from '../config/bot-config.ts';
import { scoreEnumOption } from '../parse/index.ts';
import { stemWord, tokenize } from '../text/index.ts';
import { maskSpans, type Span } from './remainder.ts';

/** An enum option chosen for a field: the last one said, and every span that named an option of the field. */
export interface EnumPick extends Span {
  field: string;
  value: string;
  spans: Span[];
}

type Mention = Span & { field: string; value: string; score: number };

const MAX_MENTIONS = 4;
const leadCache = new WeakMap<CollectField, ReadonlySet<string>>();

/** Stems of the field's prompt and label words after which a short option stands as itself ("категорию би"). */
function leadsOf(field: CollectField): ReadonlySet<string> {
  let leads = leadCache.get(field);
  if (!leads) {
    const words = tokenize(`${field.prompt} ${field.label ?? ''}`).filter((w) => w.length > 3);
    leadCache.set(field, (leads = new Set(words.map(stemWord))));
  }
  return leads;
}

/** Every option mention of one field, found by masking one after another. */
function mentionsOf(text: string, field: CollectField): Mention[] {
  if (!field.options) return [];
  const out: Mention[] = [];
  let masked = text;
  for (let i = 0; i < MAX_MENTIONS; i++) {
    const m = scoreEnumOption(masked, field.options, leadsOf(field));
    if (!m || m.end <= m.start) break;
    out.push({ ...m, field: field.name });
    masked = maskSpans(masked, [m]);
  }
  return out;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Enum options for several enum fields at once: each field's last mention wins ("не на лимфодренаж, а на
 * антицеллюлитный"). A word that could name options of two fields ("автомате": "автомат" of the gearbox and,
 * loosely, "автомобиль" of the category) belongs to the field it matches best (the asked field on a tie).
 */
export function pickEnumOptions(text: string, fields: readonly CollectField[], pending: string | null): EnumPick[] {
  const all = fields.flatMap((f) => mentionsOf(text, f));
  const kept = all.filter((m) => !all.some((o) => o !== m && o.field !== m.field && overlaps(o, m) && beats(o, m, pending)));
  const picks: EnumPick[] = [];
  for (const field of fields) {
    const own = kept.filter((m) => m.field === field.name);
    const last = own.reduce<Mention | null>((a, m) => (!a || m.start >= a.start ? m : a), null);
    if (!last) continue;
    picks.push({ field: field.name, value: last.value, start: last.start, end: last.end, spans: own.map(({ start, end }) => ({ start, end })) });
  }
  return picks;
}

function beats(a: Mention, b: Mention, pending: string | null): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.field === pending && b.field !== pending;
}
