import { startLocalServer, readText, sendJson, sleep, type LocalServer } from './http-util.ts';

/** What the fake Ollama does for one `/api/chat` request. */
export interface OllamaBehavior {
  /** Content deltas streamed as NDJSON lines. */
  tokens?: string[];
  /** Delay before the first line (simulates model load / slow GPU). */
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
  /** Reply with this HTTP status and `{ error }` instead of streaming. */
  status?: number;
  error?: string;
}

/** A recorded `/api/chat` request body. */
export interface OllamaChatRequest {
  model: string;
  stream?: boolean;
  keep_alive?: string | number;
  options?: { num_predict?: number; temperature?: number };
  messages: { role: string; content: string }[];
}

/**
 * A local server speaking Ollama's `/api/chat` wire format: NDJSON lines
 * `{"model","created_at","message":{"role":"assistant","content"},"done":false}` and a final
 * `done: true` line with `done_reason` and eval counters; errors as `{"error": "..."}`.
 */
export async function startOllamaServer(
  behave: (req: OllamaChatRequest) => OllamaBehavior,
): Promise<Pick<LocalServer, 'url' | 'close'> & { requests: OllamaChatRequest[] }> {
  const requests: OllamaChatRequest[] = [];
  const srv = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/chat') return sendJson(res, 404, { error: 'not found' });
    const body = JSON.parse(await readText(req)) as OllamaChatRequest;
    requests.push(body);
    const b = behave(body);
    if (b.firstTokenDelayMs) await sleep(b.firstTokenDelayMs);
    if (b.status && b.status >= 400) return sendJson(res, b.status, { error: b.error ?? 'error' });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const line = (o: object) => res.write(`${JSON.stringify(o)}\n`);
    const created_at = new Date().toISOString();
    for (const [i, content] of (b.tokens ?? []).entries()) {
      if (i > 0 && b.tokenDelayMs) await sleep(b.tokenDelayMs);
      if (res.destroyed) return;
      line({ model: body.model, created_at, message: { role: 'assistant', content }, done: false });
    }
    line({
      model: body.model,
      created_at,
      message: { role: 'assistant', content: '' },
      done: true,
      done_reason: 'stop',
      total_duration: 1_000_000,
      eval_count: b.tokens?.length ?? 0,
    });
    res.end();
  });
  return { url: srv.url, close: srv.close, requests };
}
