import type { CountTokens } from './chunker.ts';

let loading: Promise<CountTokens> | null = null;

/**
 * The chunker's token counter: gpt-tokenizer's cl100k_base encoding (about 1 MB, ~100 ms to initialise),
 * imported on first use so only the ingest consumer pays for it, never an API request.
 */
export function loadTokenCounter(): Promise<CountTokens> {
  loading ??= import('gpt-tokenizer/encoding/cl100k_base').then((m) => (text: string) => m.countTokens(text));
  return loading;
}
