import { startLocalServer, sendJson, type LocalServer } from './http-util.ts';
import { serveChat, type ChatBehaviour, type ChatRequest } from './openai-chat-sse.ts';

export interface GigaChatServer extends LocalServer {
  /** `http://127.0.0.1:<port>/api/v1`, for GIGACHAT_BASE_URL. */
  baseURL: string;
  requests: ChatRequest[];
}

/**
 * A local server speaking GigaChat's `POST /api/v1/chat/completions` (gigachat.devices.sberbank.ru): a Bearer
 * access token from Sber OAuth, checked with `tokenIsValid` (401 when unknown or expired), SSE streaming answers.
 */
export async function startGigaChatServer(opts: { tokenIsValid: (token: string) => boolean; behave: (r: ChatRequest) => ChatBehaviour }): Promise<GigaChatServer> {
  const requests: ChatRequest[] = [];
  const local = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v1/chat/completions') return sendJson(res, 404, { status: 404, message: 'not found' });
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !opts.tokenIsValid(auth.slice(7))) {
      requests.push({ headers: req.headers, body: { model: '', messages: [] } });
      return sendJson(res, 401, { status: 401, message: 'Token has expired' });
    }
    await serveChat(req, res, requests, opts.behave);
  });
  return { ...local, baseURL: `${local.url}/api/v1`, requests };
}
