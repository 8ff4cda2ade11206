import { stemWord, tokenize } from '../text/index.ts';
import type { Service, Staff } from './types.ts';

const stems = (text: string) => tokenize(text).map(stemWord).filter((s) => s.length >= 3);

/** How many of `phrase`'s word stems occur in `said` (0 when any is missing). */
function phraseScore(said: ReadonlySet<string>, phrase: string): number {
  const words = stems(phrase);
  return words.length && words.every((w) => said.has(w)) ? words.length : 0;
}

/**
 * The service a caller's words name, by its name or a synonym ("маникюра", "на стрижку"); the longest match wins.
 * An exact id is accepted too (API callers).
 */
export function matchService<S extends Pick<Service, 'id' | 'name' | 'synonyms'>>(services: readonly S[], text: string): S | null {
  const byId = services.find((s) => s.id === text);
  if (byId) return byId;
  const said = new Set(stems(text));
  let best: S | null = null;
  let bestScore = 0;
  for (const s of services) {
    const score = Math.max(phraseScore(said, s.name), ...s.synonyms.map((x) => phraseScore(said, x)));
    if (score > bestScore) [best, bestScore] = [s, score];
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
