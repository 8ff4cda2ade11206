import { postJson, retryableStatus, type SendOutcome } from './send-result.ts';

/**
 * Telegram Bot API (core.telegram.org/bots/api): `POST {base}/bot<token>/sendMessage` with
 * `{ chat_id, text, link_preview_options }`; the answer is `{ ok: true, result: Message }` or
 * `{ ok: false, error_code, description, parameters?: { retry_after } }`. The platform has one bot
 * (`TELEGRAM_BOT_TOKEN`, a Worker secret); each company names the chat of its owner.
 */
export interface TelegramOptions {
  token: string;
  /** API root; default https://api.telegram.org (tests point it at a local server). */
  baseUrl: string;
}

export function telegramOptions(env: { TELEGRAM_BOT_TOKEN?: string; TELEGRAM_API_BASE_URL?: string }): TelegramOptions | null {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return null;
  return { token, baseUrl: (env.TELEGRAM_API_BASE_URL?.trim() || 'https://api.telegram.org').replace(/\/+$/, '') };
}

interface TelegramAnswer {
  ok?: boolean;
  result?: { message_id?: number };
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Sends a plain-text message (no parse mode: nothing in the text needs escaping). */
export async function sendTelegramMessage(opts: TelegramOptions, chatId: string, text: string): Promise<SendOutcome> {
  const sent = await postJson(`${opts.baseUrl}/bot${opts.token}/sendMessage`, {
    chat_id: /^-?\d+$/.test(chatId) ? Number(chatId) : chatId,
    text,
    link_preview_options: { is_disabled: true },
  });
  if ('ok' in sent) return sent;
  const { res, json } = sent;
  const answer = (json ?? {}) as TelegramAnswer;
  if (res.ok && answer.ok) return { ok: true, messageId: String(answer.result?.message_id ?? ''), error: null, permanent: false };
  const status = answer.error_code ?? res.status;
  const described = `Telegram ${status}: ${answer.description ?? 'no description'}`;
  // A group that became a supergroup has a new id: the owner must update the chat id.
  const migrated = answer.parameters?.migrate_to_chat_id;
  const error = status === 401 ? `${described} (check TELEGRAM_BOT_TOKEN)` : migrated ? `${described} (new chat id ${migrated})` : described;
  return {
    ok: false,
    messageId: null,
    error,
    permanent: !retryableStatus(status),
    ...(answer.parameters?.retry_after ? { retryAfterSeconds: answer.parameters.retry_after } : {}),
  };
}
