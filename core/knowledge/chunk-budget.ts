import { chunkDocument, type CountTokens, type DocChunk, type DocSection } from './chunker.ts';
import { INGEST_LIMITS, type IngestLimits } from './formats/limits.ts';
import { DocumentParseError } from './formats/types.ts';

const num = (n: number) => n.toLocaleString('ru-RU');

/**
 * `chunkDocument` under a budget: it stops as soon as the document passes `maxChunks` chunks or the tokenizer
 * has read `maxTokenizedChars` characters for it (the chunker measures text several times; adversarial text
 * may make it measure more), failing the document with a reason instead of running on.
 */
export function chunkWithinBudget(
  sections: readonly DocSection[],
  opts: { source: string; countTokens: CountTokens },
  limits: IngestLimits = INGEST_LIMITS,
): DocChunk[] {
  if (sections.length > limits.maxChunks) throw tooManyChunks(sections.length, limits);
  let tokenized = 0;
  const countTokens: CountTokens = (text) => {
    tokenized += text.length;
    if (tokenized > limits.maxTokenizedChars) {
      throw new DocumentParseError('Файл слишком сложный для разбора: разделите его на части или сохраните как обычный текст (the text is too costly to split).');
    }
    return opts.countTokens(text);
  };
  const out: DocChunk[] = [];
  for (const section of sections) {
    for (const chunk of chunkDocument([section], { source: opts.source, countTokens })) {
      out.push({ ...chunk, ord: out.length });
      if (out.length > limits.maxChunks) throw tooManyChunks(out.length, limits);
    }
  }
  if (!out.length) throw new DocumentParseError('В файле нет текста (the file has no text).');
  return out;
}

function tooManyChunks(count: number, limits: IngestLimits): DocumentParseError {
  return new DocumentParseError(
    `Файл слишком большой: больше ${num(limits.maxChunks)} фрагментов (${num(count)}+) — разделите его на части (too many chunks).`,
  );
}
