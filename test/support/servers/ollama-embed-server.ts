import { trigramVector } from '../trigram-vector.ts';
import { startLocalServer, readText, sendJson, type LocalServer } from './http-util.ts';

export { trigramVector };

/** A recorded `/api/embed` request body. */
export interface EmbedRequest {
  model: string;
  input: string | string[];
  truncate?: boolean;
}

export interface OllamaEmbedServerOptions {
  /** Models the server "has pulled"; others answer 404 like Ollama. */
  models?: string[];
  /** Vector for one input (default: a deterministic 16-dim character-trigram hash). */
  embed?: (text: string) => number[];
  /** Answer every request with this status and `{ error }`. */
  failWith?: { status: number; error: string };
  /** Return one embedding fewer than asked (a broken server). */
  dropOne?: boolean;
}

/**
 * A local server speaking Ollama's embedding API: `POST /api/embed` with `{model, input: string | string[]}` →
 * `{model, embeddings: number[][], total_duration, load_duration, prompt_eval_count}`; errors `{error}`.
 */
export async function startOllamaEmbedServer(opts: OllamaEmbedServerOptions = {}): Promise<Pick<LocalServer, 'url' | 'close'> & { requests: EmbedRequest[] }> {
  const requests: EmbedRequest[] = [];
  const models = opts.models ?? ['bge-m3'];
  const embed = opts.embed ?? ((t: string) => trigramVector(t));
  const srv = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/embed') return sendJson(res, 404, { error: 'not found' });
    const body = JSON.parse(await readText(req)) as EmbedRequest;
    requests.push(body);
    if (opts.failWith) return sendJson(res, opts.failWith.status, { error: opts.failWith.error });
    if (!models.some((m) => m === body.model || `${m}:latest` === body.model)) {
      return sendJson(res, 404, { error: `model "${body.model}" not found, try pulling it first` });
    }
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    const embeddings = inputs.map(embed);
    if (opts.dropOne) embeddings.pop();
    sendJson(res, 200, { model: body.model, embeddings, total_duration: 1_000_000, load_duration: 10_000, prompt_eval_count: inputs.length * 8 });
  });
  return { url: srv.url, close: srv.close, requests };
}
