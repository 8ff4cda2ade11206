import type { BotConfig } from './bot-config.ts';

/** The built-in calendar's words (services with their synonyms, staff names), as the Worker holds them. */
export interface CalendarVocabulary {
  services: { name: string; synonyms?: readonly string[] }[];
  staff: string[];
}

/** Recognition hint lists are short: SaluteSpeech and Deepgram weigh a few dozen words best (Deepgram caps keyterms). */
export const STT_VOCABULARY_LIMIT = 100;
const MAX_WORDS = 5;
const MAX_CHARS = 50;

/**
 * Words the recognizer should expect on this bot's calls, most telling first: the company name, the calendar's
 * services (with synonyms) and staff, then the enum options (services, masters) the scenarios collect. Trimmed,
 * lower-cased for dedupe, short phrases only.
 * @example sttVocabulary(config, { services: [{ name: 'Маникюр', synonyms: ['ноготочки'] }], staff: ['Ольга'] })
 */
export function sttVocabulary(config: Pick<BotConfig, 'company' | 'scenarios'>, calendar?: CalendarVocabulary): string[] {
  const out = new Map<string, string>();
  const add = (w: string | undefined) => {
    const t = w?.replace(/\s+/g, ' ').trim();
    if (!t || t.length > MAX_CHARS || t.split(' ').length > MAX_WORDS || out.size >= STT_VOCABULARY_LIMIT) return;
    if (!out.has(t.toLowerCase())) out.set(t.toLowerCase(), t);
  };
  add(config.company?.name);
  for (const s of calendar?.services ?? []) [s.name, ...(s.synonyms ?? [])].forEach(add);
  calendar?.staff.forEach(add);
  for (const scenario of config.scenarios ?? []) {
    for (const field of scenario.collect_fields) {
      for (const o of field.options ?? []) (typeof o === 'string' ? [o] : [o.value, ...o.synonyms]).forEach(add);
    }
  }
  return [...out.values()];
}
