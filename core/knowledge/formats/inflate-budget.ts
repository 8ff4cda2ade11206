import { Inflate } from 'fflate';
import { DocumentParseError } from './types.ts';

/**
 * Compressed input is fed to the inflater in slices this small, so one push can inflate at most ~1 MB (DEFLATE
 * tops out near 1 032:1) and the budget is checked as the bytes come out, not after a whole entry is inflated.
 */
export const INFLATE_SLICE = 1024;

/** A running count of inflated bytes across every compressed part of one file; throws when it passes `max`. */
export class InflateBudget {
  used = 0;
  constructor(
    readonly max: number,
    private readonly what: string,
  ) {}

  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.max) {
      throw new DocumentParseError(
        `Файл после распаковки больше ${Math.round(this.max / 2 ** 20)} МБ — уменьшите его или разделите на части (the ${this.what} inflates too much).`,
      );
    }
  }
}

/** Pushes `bytes` to `push` in `INFLATE_SLICE` slices (the last one `final`) until `done()` says to stop. */
export function pushInSlices(bytes: Uint8Array, push: (slice: Uint8Array, final: boolean) => void, done: () => boolean = () => false): void {
  for (let at = 0; at < bytes.length && !done(); at += INFLATE_SLICE) {
    push(bytes.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= bytes.length);
  }
}

/** fflate's own test for "the final block has been read" (`inflt` returns at once when it holds). */
const finished = (inf: Inflate) => {
  const s = (inf as unknown as { s: { f?: number; l?: unknown } }).s;
  return !!s.f && !s.l;
};

/**
 * Inflates a raw DEFLATE stream that starts at `data[0]` and may be followed by anything (the rest of a PDF),
 * counting its output in `budget` and dropping it. Stops at the stream's final block or at corrupt data.
 */
export function measureDeflate(data: Uint8Array, budget: InflateBudget): void {
  const inf = new Inflate((chunk) => budget.take(chunk.length));
  try {
    pushInSlices(data, (slice) => inf.push(slice, false), () => finished(inf));
  } catch (err) {
    if (err instanceof DocumentParseError) throw err;
    // Corrupt data: the PDF reader will fail on it (or skip it) the same way; what came out was counted.
  }
}
