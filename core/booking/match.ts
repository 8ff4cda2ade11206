import { stemWord, tokenize } from '../text/index.ts';
import type { Service, Staff } from './types.ts';

const stems = (text: string) => tokenize(text).map(stemWord).filter((s) => s.length >= 3);

/**
 * How well the caller's words name `phrase`: every word said scores 100 per word, some words said score the number of
 * them (only words of 4+ letters count then, so "на" or "и" alone name nothing).
 */
function phraseScore(said: ReadonlySet<string>, phrase: string): number {
  const words = stems(phrase);
  if (!words.length) return 0;
  if (words.every((w) => said.has(w))) return 100 * words.length;
  return words.filter((w) => w.length >= 4 && said.has(w)).length;
}

/**
 * The service a caller's words name, by its name or a synonym ("маникюра", "на стрижку"): a full name beats part of
 * one, a longer match a shorter one, and among equal parts the shorter name wins. An exact id is accepted too.
 */
export function matchService<S extends Pick<Service, 'id' | 'name' | 'synonyms'>>(services: readonly S[], text: string): S | null {
  const byId = services.find((s) => s.id === text);
  if (byId) return byId;
  const said = new Set(stems(text));
  let best: S | null = null;
  let bestScore = 0;
  for (const s of services) {
    const score = Math.max(phraseScore(said, s.name), ...s.synonyms.map((x) => phraseScore(said, x)));
    const shorter = best !== null && score === bestScore && stems(s.name).length < stems(best.name).length;
    if (score > bestScore || shorter) [best, bestScore] = [s, score];
  }
  return best;
}

/** The staff member named in the words ("к Ольге", "у Марины"), by any word stem of the name; or by exact id. */
export function matchStaff<S extends Pick<Staff, 'id' | 'name'>>(staff: readonly S[], text: string): S | null {
  const byId = staff.find((s) => s.id === text);
  if (byId) return byId;
  const said = new Set(stems(text));
  return staff.find((s) => stems(s.name).some((w) => said.has(w))) ?? null;
}
