import { readText, sendJson, startLocalServer, type LocalServer } from './http-util.ts';
import { telegramBotApi, type TelegramBotApi, type TelegramChat } from './telegram-bot-api.ts';

/** The Telegram Bot API (telegram-bot-api.ts) on 127.0.0.1 and a random port. */
export type TelegramServer = LocalServer & { api: TelegramBotApi };

export async function startTelegramServer(opts: { token: string; chats?: TelegramChat[] }): Promise<TelegramServer> {
  const api = telegramBotApi(opts);
  const local = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' && req.method !== 'GET') return sendJson(res, 405, { ok: false, error_code: 405, description: 'Method Not Allowed' });
    const answer = api.handle({ method: req.method, path: req.url ?? '', contentType: req.headers['content-type'] ?? null, body: await readText(req) });
    sendJson(res, answer.status, answer.body);
  });
  return { ...local, api };
}
