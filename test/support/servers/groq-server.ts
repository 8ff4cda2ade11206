import { startLocalServer, readText, sendJson, sleep, type LocalServer } from './http-util.ts';

/** What the fake Groq does for one chat completion request. */
export interface GroqBehavior {
  tokens?: string[];
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
  /** Reply with this HTTP status and an OpenAI-style error body instead of streaming. */
  status?: number;
  message?: string;
}

/** A recorded request: headers that matter plus the JSON body. */
export interface GroqRequest {
  authorization: string | undefined;
  body: { model: string; stream?: boolean; max_tokens?: number; messages: { role: string; content: string }[] };
}

/**
 * A local server speaking Groq's OpenAI-compatible `POST /openai/v1/chat/completions`:
 * SSE `data: {chat.completion.chunk}` events ending with `data: [DONE]`, and
 * `{"error":{"message","type","code"}}` bodies for 401/403/429/5xx.
 */
export async function startGroqServer(
  behave: (req: GroqRequest) => GroqBehavior,
): Promise<Pick<LocalServer, 'url' | 'close'> & { baseURL: string; requests: GroqRequest[] }> {
  const requests: GroqRequest[] = [];
  const srv = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/openai/v1/chat/completions') {
      return sendJson(res, 404, { error: { message: 'Unknown request URL', type: 'invalid_request_error' } });
    }
    const r: GroqRequest = { authorization: req.headers.authorization, body: JSON.parse(await readText(req)) };
    requests.push(r);
    const b = behave(r);
    if (b.firstTokenDelayMs) await sleep(b.firstTokenDelayMs);
    if (b.status && b.status >= 400) {
      const type = b.status === 401 ? 'invalid_request_error' : b.status === 403 ? 'permission_error' : 'api_error';
      return sendJson(res, b.status, { error: { message: b.message ?? `HTTP ${b.status}`, type, code: null } });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const event = (delta: object, finish: string | null) =>
      res.write(
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model: r.body.model,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
        })}\n\n`,
      );
    event({ role: 'assistant', content: '' }, null);
    for (const [i, content] of (b.tokens ?? []).entries()) {
      if (i > 0 && b.tokenDelayMs) await sleep(b.tokenDelayMs);
      if (res.destroyed) return;
      event({ content }, null);
    }
    event({}, 'stop');
    res.write('data: [DONE]\n\n');
    res.end();
  });
  return { url: srv.url, baseURL: `${srv.url}/openai/v1`, close: srv.close, requests };
}
