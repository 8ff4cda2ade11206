import { wordTokens } from '../text/tokens.ts';

// Listener's feedback that does not take the turn: "угу", "ага", "да-да", "так", "ну", "ясно".
// A lone "да"/"хорошо" is left out: said over a question's tail it is the answer.
const BACKCHANNEL_WORDS = new Set([
  'угу', 'ага', 'ага-ага', 'угу-угу', 'да-да', 'так', 'ну', 'ну-ну', 'мгм', 'м-м', 'ясно', 'понятно',
]);
const MAX_BACKCHANNEL_WORDS = 2;

/**
 * True when `text` is only a backchannel — the caller acknowledging while the bot talks, not
 * taking the turn: "угу", "ага", "да-да", "так", "ну", "да да".
 * @example isBackchannel('угу') // true
 * @example isBackchannel('нет подождите') // false
 */
export function isBackchannel(text: string): boolean {
  const words = wordTokens(text).map((t) => t.text);
  return words.length > 0 && words.length <= MAX_BACKCHANNEL_WORDS && words.every((w) => BACKCHANNEL_WORDS.has(w));
}

/**
 * What is left of a reply after the words that were said: `said` is a prefix of `full` as far as
 * the words go (punctuation and case aside).
 * @example unsaidRest('Записала вас на пятницу. Ждём вас!', 'записала вас') // 'на пятницу. Ждём вас!'
 */
export function unsaidRest(full: string, said: string): string {
  const saidCount = wordTokens(said).length;
  if (saidCount === 0) return full.trim();
  const tokens = wordTokens(full);
  if (saidCount >= tokens.length) return '';
  return full.slice(tokens[saidCount]!.start).trim();
}
