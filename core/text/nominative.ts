import { normalizeText } from './normalize.ts';

// After these the "-у" form is a dative or locative, not an accusative: "к мастеру", "по телефону", "на берегу".
const KEEP_AFTER = new Set(['к', 'ко', 'по']);
// Words ending in "-у"/"-ю" that are not accusatives of "-а"/"-я" nouns.
const INVARIABLE = new Set(['меню', 'шоу', 'рагу', 'кенгуру', 'интервью', 'парвеню', 'табу', 'какаду', 'кофе', 'могу', 'хочу', 'пишу', 'люблю', 'сразу', 'внизу', 'наверху', 'вначале', 'почему', 'кому', 'чему', 'тому', 'тебю', 'всему', 'поводу', 'телефону', 'адресу', 'вопросу', 'счету', 'делу', 'времени']);
// Longer free text (a comment, a reason) is kept as said; only short names of things are put in the nominative.
const MAX_WORDS = 4;
const VERB_LIKE = /(ую|юю)$/u;

/**
 * Free text said as an object ("запишите на стрижку", "мне мужскую стрижку и укладку") turned back into the
 * nominative for storing and read-back: "стрижка", "мужская стрижка и укладка". Only feminine accusatives change
 * ("-у" → "-а", "-ю" → "-я", "-ую" → "-ая", "-юю" → "-яя"); masculine and neuter nouns already look nominative,
 * and words after "к"/"по" (datives) are kept. Case of the first letter is kept.
 * @example toNominative('стрижку') // 'стрижка'
 */
export function toNominative(text: string): string {
  const words = text.split(/(\s+)/);
  if (words.filter((w) => w.trim()).length > MAX_WORDS) return text;
  let prev = '';
  for (let i = 0; i < words.length; i++) {
    const raw = words[i]!;
    if (!raw.trim()) continue;
    const norm = normalizeText(raw);
    if (!KEEP_AFTER.has(prev)) words[i] = nominativeWord(raw, norm);
    prev = norm;
  }
  return words.join('');
}

function nominativeWord(raw: string, norm: string): string {
  if (norm.length < 4 || !/^[а-я-]+$/.test(norm) || INVARIABLE.has(norm)) return raw;
  if (VERB_LIKE.test(norm)) return raw.slice(0, -2) + (norm.endsWith('ую') ? 'ая' : 'яя');
  // "стрижку" → "стрижка", "процедуру" → "процедура"; "-ю" after a soft consonant → "-я" ("консультацию" → "консультация").
  // Only after consonants that end noun stems: "-зу", "-чу", "-шу", "-жу", "-гу", "-ду", "-су", "-щу" are mostly
  // verbs ("привезу", "хочу", "могу", "приду").
  if (/[кнрлмтпвбфц]у$/.test(norm)) return raw.slice(0, -1) + 'а';
  if (norm.endsWith('ю') && /[лнрдтсзвмбпгкхцчшщжиь]ю$/.test(norm)) return raw.slice(0, -1) + 'я';
  return raw;
}
