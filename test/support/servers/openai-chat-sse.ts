import type { IncomingMessage, ServerResponse } from 'node:http';
import { readText, sendJson, sleep } from './http-util.ts';

/** What a fake OpenAI-compatible chat endpoint does for one request. */
export interface ChatBehaviour {
  tokens?: string[];
  firstTokenDelayMs?: number;
  /** Answer with this status and an error body instead of streaming. */
  status?: number;
  message?: string;
  tokenDelayMs?: number;
  /** Stop streaming after this many tokens by destroying the socket (a dropped connection mid-reply). */
  dropAfter?: number;
}

/** A recorded chat request. */
export interface ChatRequest {
  headers: IncomingMessage['headers'];
  body: { model: string; stream?: boolean; max_tokens?: number; messages: { role: string; content: string }[] };
  /** The client went away before the reply finished (barge-in, first-token timeout). */
  aborted?: boolean;
}

/**
 * Serve one OpenAI-style `POST …/chat/completions`: SSE `data: {chat.completion.chunk}` events ending with
 * `data: [DONE]`, or a JSON `{"error":{…}}` (`{"status","message"}` for GigaChat style) body on errors.
 */
export async function serveChat(req: IncomingMessage, res: ServerResponse, requests: ChatRequest[], behave: (r: ChatRequest) => ChatBehaviour): Promise<void> {
  const r: ChatRequest = { headers: req.headers, body: JSON.parse(await readText(req)) };
  requests.push(r);
  const b = behave(r);
  if (b.firstTokenDelayMs) await sleep(b.firstTokenDelayMs);
  if (b.status && b.status >= 400) {
    return sendJson(res, b.status, { error: { message: b.message ?? `HTTP ${b.status}`, type: b.status === 401 ? 'unauthorized' : 'api_error', code: b.status } });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const id = `chatcmpl-${requests.length}`;
  const created = Math.floor(Date.now() / 1000);
  const event = (delta: object, finish: string | null) =>
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: r.body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
  event({ role: 'assistant', content: '' }, null);
  let finished = false;
  res.on('close', () => {
    if (!finished) r.aborted = true;
  });
  for (const [i, content] of (b.tokens ?? []).entries()) {
    if (i > 0 && b.tokenDelayMs) await sleep(b.tokenDelayMs);
    if (b.dropAfter !== undefined && i >= b.dropAfter) return void res.destroy();
    if (res.destroyed) return;
    event({ content }, null);
  }
  if (res.destroyed) return;
  finished = true;
  event({}, 'stop');
  res.write('data: [DONE]\n\n');
  res.end();
}
