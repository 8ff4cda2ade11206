/**
 * Config-written regular expressions (a collect field's `pattern`) run on RE2's linear-time engine (re2js, pure
 * JS: Workers and Node alike), never on the backtracking `RegExp`: `([a-z]+)*[0-9]` against 31 letters took
 * ~10 s in V8 and blocked every other tenant on the isolate. RE2 has no look-around or back-references, so such
 * patterns are refused when the config is validated; values longer than `MAX_PATTERN_INPUT` never match.
 *
 * @example patternError('([a-z]+)*[0-9]') // null (valid, and it runs in linear time)
 *          matchesWholePattern('[a-z]{2}\\d{3}', 'ав123') // false; matchesWholePattern('\\d{3}', '123') // true
 */
import { RE2JS } from 're2js';

/** Characters of a pattern's source a config may hold. */
export const MAX_PATTERN_SOURCE = 300;
/** Characters of a value a pattern is matched against (a spoken or typed field value is far shorter). */
export const MAX_PATTERN_INPUT = 1_000;

const compiled = new Map<string, RE2JS>();
const MAX_CACHED = 256;

function compileWhole(source: string): RE2JS {
  let re = compiled.get(source);
  if (!re) {
    re = RE2JS.compile(`^(?:${source})$`, RE2JS.CASE_INSENSITIVE);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(source, re);
  }
  return re;
}

/** Why a pattern cannot be used (too long, invalid, or syntax RE2 does not run), or null when it can. */
export function patternError(source: string): string | null {
  if (source.length > MAX_PATTERN_SOURCE) return `pattern is longer than ${MAX_PATTERN_SOURCE} characters`;
  try {
    compileWhole(source);
    return null;
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    return `pattern is not a valid RE2 regular expression (no look-around or back-references): ${detail}`;
  }
}

/** Whether the whole `value` (case-insensitive) matches `source`; an unusable pattern or an over-long value never does. */
export function matchesWholePattern(source: string, value: string): boolean {
  if (value.length > MAX_PATTERN_INPUT || patternError(source)) return false;
  return compileWhole(source).matcher(value).matches();
}
