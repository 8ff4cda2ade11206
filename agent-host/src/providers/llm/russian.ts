import { SBER_OAUTH_URL, SberOAuth } from '../sber/oauth.ts';
import { OpenAICompatibleProvider } from './openai-compatible.ts';

export const defaultYandexGptOptions = { baseURL: 'https://llm.api.cloud.yandex.net/v1', model: 'yandexgpt/latest' } as const;
export const defaultGigaChatOptions = { baseURL: 'https://gigachat.devices.sberbank.ru/api/v1', model: 'GigaChat', scope: 'GIGACHAT_API_PERS' } as const;

/** Settings of YandexGPT. */
export interface YandexGptSettings {
  apiKey?: string | undefined;
  iamToken?: string | undefined;
  folderId: string;
  /** Model path after the folder: `yandexgpt/latest`, `yandexgpt-lite/latest`, `yandexgpt/rc`. */
  model?: string | undefined;
  baseURL?: string | undefined;
}

/**
 * YandexGPT through Yandex Cloud's OpenAI-compatible API: model `gpt://<folder>/yandexgpt/latest`,
 * `Authorization: Api-Key …` (or `Bearer <IAM token>`), the folder also in `OpenAI-Project`/`x-folder-id`.
 */
export function yandexGpt(s: YandexGptSettings): OpenAICompatibleProvider {
  const authorization = s.apiKey ? `Api-Key ${s.apiKey}` : `Bearer ${s.iamToken}`;
  const model = s.model ?? defaultYandexGptOptions.model;
  return new OpenAICompatibleProvider({
    name: 'yandexgpt',
    baseURL: s.baseURL ?? defaultYandexGptOptions.baseURL,
    model: model.startsWith('gpt://') ? model : `gpt://${s.folderId}/${model}`,
    headers: () => ({ authorization, 'openai-project': s.folderId, 'x-folder-id': s.folderId }),
    keyEnv: s.apiKey ? 'YANDEX_API_KEY' : 'YANDEX_IAM_TOKEN',
  });
}

/** Settings of GigaChat. */
export interface GigaChatSettings {
  authKey: string;
  scope?: string | undefined;
  oauthUrl?: string | undefined;
  model?: string | undefined;
  baseURL?: string | undefined;
  now?: () => number;
}

const tokenSources = new Map<string, SberOAuth>();

/**
 * GigaChat through its OpenAI-compatible `/chat/completions` with an OAuth access token (client credentials,
 * ~30 min lifetime) fetched per request from a cache that refreshes it a minute before it expires. The cache is
 * shared by every call of the process (a token per call would add an OAuth round trip to each first answer).
 */
export function gigaChat(s: GigaChatSettings): OpenAICompatibleProvider {
  const scope = s.scope ?? defaultGigaChatOptions.scope;
  const url = s.oauthUrl ?? SBER_OAUTH_URL;
  const key = `${url}\n${scope}\n${s.authKey}`;
  const shared = s.now ? undefined : tokenSources.get(key);
  const oauth = shared ?? new SberOAuth({
    authKey: s.authKey,
    scope,
    url,
    envKey: 'GIGACHAT_AUTH_KEY',
    provider: 'gigachat',
    kind: 'llm',
    ...(s.now ? { now: s.now } : {}),
  });
  if (!s.now) tokenSources.set(key, oauth);
  return new OpenAICompatibleProvider({
    name: 'gigachat',
    baseURL: s.baseURL ?? defaultGigaChatOptions.baseURL,
    model: s.model ?? defaultGigaChatOptions.model,
    headers: async () => ({ authorization: `Bearer ${await oauth.token()}` }),
    keyEnv: 'GIGACHAT_AUTH_KEY',
    onUnauthorized: () => oauth.invalidate(),
  });
}
