/** Turns texts into vectors (one per text, same order). */
export interface Embedder {
  readonly model: string;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** The embedding service failed or answered something unusable; worth retrying later. */
export class EmbeddingError extends Error {
  override readonly name = 'EmbeddingError';
  readonly retryable = true;
}

export interface OllamaEmbedderOptions {
  /** e.g. `http://gpu-box:11434` */
  baseUrl: string;
  model?: string;
  /** Texts per `/api/embed` request. */
  batchSize?: number;
  timeoutMs?: number;
}

export const defaultOllamaEmbedderOptions = { model: 'bge-m3', batchSize: 32, timeoutMs: 60_000 } as const;

/**
 * Ollama's `/api/embed`: `POST {model, input: string[], truncate: true}` → `{model, embeddings: number[][]}`;
 * inputs go in batches of `batchSize`.
 * @example await new OllamaEmbedder({ baseUrl: env.OLLAMA_URL }).embed(['Сколько стоит стрижка?'])
 */
export class OllamaEmbedder implements Embedder {
  readonly model: string;
  private readonly url: string;
  private readonly batchSize: number;
  private readonly timeoutMs: number;

  constructor(opts: OllamaEmbedderOptions) {
    this.url = `${opts.baseUrl.replace(/\/+$/, '')}/api/embed`;
    this.model = opts.model ?? defaultOllamaEmbedderOptions.model;
    this.batchSize = opts.batchSize ?? defaultOllamaEmbedderOptions.batchSize;
    this.timeoutMs = opts.timeoutMs ?? defaultOllamaEmbedderOptions.timeoutMs;
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.embedBatch(texts.slice(i, i + this.batchSize))));
    }
    return out;
  }

  private async embedBatch(input: readonly string[]): Promise<number[][]> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: this.model, input, truncate: true }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new EmbeddingError(`ollama /api/embed unreachable: ${String(err)}`, { cause: err });
    }
    const body = (await res.json().catch(() => null)) as { embeddings?: unknown; error?: string } | null;
    if (!res.ok) throw new EmbeddingError(`ollama /api/embed ${res.status}: ${body?.error ?? 'no error message'}`);
    const vectors = body?.embeddings;
    if (!Array.isArray(vectors) || vectors.length !== input.length || !vectors.every((v) => Array.isArray(v) && v.length > 0)) {
      throw new EmbeddingError(`ollama /api/embed returned ${Array.isArray(vectors) ? vectors.length : 'no'} embeddings for ${input.length} inputs`);
    }
    return vectors as number[][];
  }
}
