import type { Message } from 'ollama/browser';

/** Settings of the Russia-hosted LLMs the Worker can use for summaries and extraction. */
export interface RussianLlmEnv {
  YANDEX_API_KEY?: string;
  YANDEX_IAM_TOKEN?: string;
  YANDEX_FOLDER_ID?: string;
  YANDEXGPT_MODEL?: string;
  YANDEX_LLM_BASE_URL?: string;
  GIGACHAT_AUTH_KEY?: string;
  GIGACHAT_SCOPE?: string;
  GIGACHAT_OAUTH_URL?: string;
  GIGACHAT_BASE_URL?: string;
  GIGACHAT_MODEL?: string;
}

/** One OpenAI-compatible chat endpoint: where, which model, and the headers of each request (auth). */
export interface OpenAIChatTarget {
  name: 'yandexgpt' | 'gigachat';
  baseURL: string;
  model: string;
  headers: () => Promise<Record<string, string>>;
}

/** YandexGPT's OpenAI-compatible endpoint (`gpt://<folder>/yandexgpt/latest`), or null without a key and folder. */
export function yandexGptTarget(env: RussianLlmEnv): OpenAIChatTarget | null {
  const key = env.YANDEX_API_KEY?.trim();
  const iam = env.YANDEX_IAM_TOKEN?.trim();
  const folder = env.YANDEX_FOLDER_ID?.trim();
  if (!(key || iam) || !folder) return null;
  const model = env.YANDEXGPT_MODEL?.trim() || 'yandexgpt/latest';
  const authorization = key ? `Api-Key ${key}` : `Bearer ${iam}`;
  return {
    name: 'yandexgpt',
    baseURL: env.YANDEX_LLM_BASE_URL?.trim() || 'https://llm.api.cloud.yandex.net/v1',
    model: model.startsWith('gpt://') ? model : `gpt://${folder}/${model}`,
    headers: async () => ({ authorization, 'openai-project': folder, 'x-folder-id': folder }),
  };
}

/** Access tokens per key+scope, kept for the isolate's life and refreshed a minute before they expire (~30 min). */
const tokens = new Map<string, { value: string; expiresAt: number }>();
const inflight = new Map<string, Promise<string>>();

/** A cached token, or one request shared by concurrent callers (summary and extraction run together). */
function sberToken(url: string, authKey: string, scope: string): Promise<string> {
  const id = `${url}\n${scope}\n${authKey}`;
  const cached = tokens.get(id);
  if (cached && Date.now() < cached.expiresAt - 60_000) return Promise.resolve(cached.value);
  let pending = inflight.get(id);
  if (!pending) {
    pending = fetchSberToken(id, url, authKey, scope).finally(() => inflight.delete(id));
    inflight.set(id, pending);
  }
  return pending;
}

async function fetchSberToken(id: string, url: string, authKey: string, scope: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Basic ${authKey}`, rquid: crypto.randomUUID(), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ scope }).toString(),
  });
  if (!res.ok) throw new Error(`GIGACHAT_AUTH_KEY rejected or Sber OAuth failed: HTTP ${res.status}`);
  const json = (await res.json()) as { access_token?: string; expires_at?: number };
  if (!json.access_token || typeof json.expires_at !== 'number') throw new Error('Sber OAuth answered without a token');
  tokens.set(id, { value: json.access_token, expiresAt: json.expires_at });
  return json.access_token;
}

/**
 * GigaChat's OpenAI-compatible chat with an OAuth token (`GIGACHAT_AUTH_KEY`, scope `GIGACHAT_API_PERS`), or null.
 * Sber's hosts use the Russian NCA root, which Workers do not trust: point GIGACHAT_BASE_URL/GIGACHAT_OAUTH_URL at
 * a proxy with a public certificate when running on Cloudflare.
 */
export function gigaChatTarget(env: RussianLlmEnv): OpenAIChatTarget | null {
  const authKey = env.GIGACHAT_AUTH_KEY?.trim();
  if (!authKey) return null;
  const oauthUrl = env.GIGACHAT_OAUTH_URL?.trim() || 'https://ngw.devices.sberbank.ru:9443/api/v2/oauth';
  const scope = env.GIGACHAT_SCOPE?.trim() || 'GIGACHAT_API_PERS';
  return {
    name: 'gigachat',
    baseURL: env.GIGACHAT_BASE_URL?.trim() || 'https://gigachat.devices.sberbank.ru/api/v1',
    model: env.GIGACHAT_MODEL?.trim() || 'GigaChat',
    headers: async () => ({ authorization: `Bearer ${await sberToken(oauthUrl, authKey, scope)}` }),
  };
}

/**
 * One non-streaming `POST {baseURL}/chat/completions`; resolves to the reply text. A JSON schema `format` is
 * asked for in the prompt (GigaChat has no structured outputs); the caller validates the reply.
 */
export async function chatOpenAICompatible(target: OpenAIChatTarget, messages: Message[], timeoutMs: number, format?: string | object): Promise<string> {
  const withFormat = format
    ? [...messages, { role: 'user', content: `Ответь только JSON-объектом${typeof format === 'object' ? ` по схеме: ${JSON.stringify(format)}` : ''}.` }]
    : messages;
  const res = await fetch(`${target.baseURL.replace(/\/+$/, '')}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await target.headers()) },
    body: JSON.stringify({ model: target.model, stream: false, temperature: 0.2, messages: withFormat.map((m) => ({ role: m.role, content: m.content })) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`${target.name} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const json = (await res.json()) as { choices?: { message?: { content?: string } }[] };
  return json.choices?.[0]?.message?.content ?? '';
}
