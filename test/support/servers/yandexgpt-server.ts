import { startLocalServer, sendJson, type LocalServer } from './http-util.ts';
import { serveChat, type ChatBehaviour, type ChatRequest } from './openai-chat-sse.ts';

export interface YandexGptServer extends LocalServer {
  /** `http://127.0.0.1:<port>/v1`, for YANDEX_LLM_BASE_URL. */
  baseURL: string;
  requests: ChatRequest[];
}

/**
 * A local server speaking Yandex Cloud's OpenAI-compatible `POST /v1/chat/completions` (llm.api.cloud.yandex.net):
 * `Authorization: Api-Key …` or `Bearer <IAM>` (401 otherwise), model `gpt://<folder>/…` whose folder must match
 * `OpenAI-Project` (400 otherwise), SSE streaming answers.
 */
export async function startYandexGptServer(opts: { authorization: string; behave: (r: ChatRequest) => ChatBehaviour }): Promise<YandexGptServer> {
  const requests: ChatRequest[] = [];
  const local = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return sendJson(res, 404, { error: { message: 'not found' } });
    if (req.headers.authorization !== opts.authorization) {
      requests.push({ headers: req.headers, body: { model: '', messages: [] } });
      return sendJson(res, 401, { error: { message: 'Unknown api key', type: 'unauthorized', code: 401 } });
    }
    await serveChat(req, res, requests, (r) => {
      const folder = /^gpt:\/\/([^/]+)\//.exec(r.body.model)?.[1];
      if (!folder || folder !== r.headers['openai-project']) return { status: 400, message: `model must be gpt://<folder>/…, got ${r.body.model}` };
      return opts.behave(r);
    });
  });
  return { ...local, baseURL: `${local.url}/v1`, requests };
}
