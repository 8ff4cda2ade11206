import { canonicalStem } from '../text/lemma.ts';
import { NUMBER_WORDS } from '../text/numbers.ts';
import { wordTokens } from '../text/tokens.ts';
import type { Span } from './remainder.ts';

// People one comes with: "с женой", "с мужем", "с двумя детьми", "с подругой" (canonical stems).
const COMPANIONS = new Set([
  'жен', 'муж', 'дет', 'детьм', 'дочр', 'сын', 'доч', 'дочк', 'дочер', 'подруг', 'друг', 'друз', 'мам', 'мат', 'пап', 'отц', 'сестр',
  'брат', 'парн', 'девушк', 'бабушк', 'дедушк', 'внук', 'внучк', 'коллег', 'супруг', 'родител', 'свекров', 'теш',
]);
const SELF = new Set(['я', 'мы']);
const LINK = new Set(['с', 'со', 'и', 'плюс', 'еще', 'ещё', 'а', 'также']);

/**
 * The size of a party described by who comes ("я с женой и двумя детьми" → 4, "мы с мужем" → 2): the caller and
 * each companion (or the number said before one). Null unless the caller speaks of themselves with someone.
 */
export function companionCount(text: string): (Span & { value: number }) | null {
  const tokens = wordTokens(text);
  const self = tokens.findIndex((t) => SELF.has(t.text));
  if (self < 0 || !['с', 'со'].includes(tokens[self + 1]?.text ?? '')) return null;
  let value = 1;
  let end = tokens[self]!.end;
  let pendingCount: number | null = null;
  for (let i = self + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (LINK.has(t.text)) continue;
    const n = NUMBER_WORDS.get(t.text);
    if (n && !n.ordinal) {
      pendingCount = n.value;
      continue;
    }
    if (!COMPANIONS.has(canonicalStem(t.text))) break;
    value += pendingCount ?? 1;
    pendingCount = null;
    end = t.end;
  }
  return value > 1 ? { value, start: tokens[self]!.start, end } : null;
}
