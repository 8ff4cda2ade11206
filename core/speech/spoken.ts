import { speakAbbreviations, speakBareNumbers } from './abbreviations.ts';
import { speakAmounts } from './amounts.ts';
import { speakDates } from './dates.ts';
import { speakPhones } from './phones.ts';
import { dropPrepositionBeforeBez, speakTimes, type TimeStyle } from './times.ts';

/** How a bot's text becomes speech. */
export interface SpokenOptions {
  /** Clock times: «в три часа дня» (conversational, the default) or «в пятнадцать ноль-ноль» (official). */
  timeStyle?: TimeStyle;
  /** `text` for any TTS; `ssml` (a `<speak>` document with pauses between phone groups) for TTS that take SSML. */
  format?: 'text' | 'ssml';
}

const PHONE_PAUSE = '\u0002';

/**
 * Written Russian as a person says it, for TTS: dates («одиннадцатого декабря»), times («в три часа дня»), prices and
 * units with case agreement («стоит тысячу двести рублей», «от трёх тысяч пятисот рублей»), phones in groups,
 * abbreviations (руб., ул., д., т.е.) and remaining digits in words. Pure: the same text gives the same speech.
 * @example toSpoken('В пятницу, 11 декабря свободно в 15:00.') // 'В пятницу, одиннадцатого декабря свободно в три часа дня.'
 */
export function toSpoken(text: string, opts: SpokenOptions = {}): string {
  const ssml = opts.format === 'ssml';
  let out = speakPhones(text, ssml ? PHONE_PAUSE : ', ');
  out = speakDates(out);
  out = dropPrepositionBeforeBez(speakTimes(out, opts.timeStyle ?? 'conversational'));
  out = speakAmounts(out);
  out = speakAbbreviations(out);
  out = speakBareNumbers(out).replace(/[ \t\u00a0]{2,}/g, ' ');
  return ssml ? toSsml(out) : out;
}

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Spoken text as an SSML document: escaped, phone groups separated by short breaks. */
function toSsml(spoken: string): string {
  const body = spoken.replace(/[&<>"']/g, (ch) => XML[ch]!).replaceAll(PHONE_PAUSE, ' <break time="250ms"/> ');
  return `<speak>${body}</speak>`;
}
