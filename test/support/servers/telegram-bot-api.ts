/**
 * The Telegram Bot API's `sendMessage` (core.telegram.org/bots/api#sendmessage) as a plain request → answer function,
 * so the same protocol runs behind a Node HTTP server (telegram-bot-server.ts) and behind the Worker tests' stubbed
 * `fetch` (workerd cannot reach a Node server's port the same way). No Node imports here.
 *
 * Path `/bot<token>/<method>`; JSON or form bodies; answers `{ ok: true, result }` or
 * `{ ok: false, error_code, description, parameters? }` with the same HTTP status as `error_code`.
 */
export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  first_name?: string;
  title?: string;
  /** The user pressed "Stop and block bot". */
  blocked?: boolean;
}

export interface SentTelegramMessage {
  message_id: number;
  chat_id: number;
  text: string;
  link_preview_disabled: boolean;
}

export interface TelegramBotApi {
  token: string;
  chats: Map<number, TelegramChat>;
  sent: SentTelegramMessage[];
  /** Every request: method name and parsed body. */
  requests: { method: string; body: Record<string, unknown> }[];
  /** The next n sendMessage calls answer 429 with `retry_after`. */
  floodWait(n: number, retryAfterSeconds: number): void;
  /** The next n calls answer this 5xx status (Telegram's own outages are 500/502). */
  failNext(n: number, status: number): void;
  handle(req: { method: string; path: string; contentType: string | null; body: string }): { status: number; body: unknown };
}

const MAX_TEXT = 4096;

export function telegramBotApi(opts: { token: string; chats?: TelegramChat[] }): TelegramBotApi {
  const chats = new Map((opts.chats ?? []).map((c) => [c.id, c]));
  const sent: SentTelegramMessage[] = [];
  const requests: TelegramBotApi['requests'] = [];
  let flood = { n: 0, after: 0 };
  let failures = { n: 0, status: 500 };
  let nextId = 100;
  const error = (code: number, description: string, parameters?: Record<string, unknown>) => ({
    status: code,
    body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
  });

  function parse(contentType: string | null, body: string): Record<string, unknown> {
    if ((contentType ?? '').includes('application/json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
    return Object.fromEntries(new URLSearchParams(body));
  }

  return {
    token: opts.token,
    chats,
    sent,
    requests,
    floodWait: (n, after) => void (flood = { n, after }),
    failNext: (n, status) => void (failures = { n, status }),
    handle(req) {
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
      if (!m) return error(404, 'Not Found');
      if (m[1] !== opts.token) return error(401, 'Unauthorized');
      let body: Record<string, unknown>;
      try {
        body = parse(req.contentType, req.body);
      } catch {
        return error(400, "Bad Request: can't parse JSON object");
      }
      requests.push({ method: m[2]!, body });
      if (failures.n > 0) {
        failures.n--;
        return error(failures.status, 'Internal Server Error');
      }
      if (m[2] !== 'sendMessage') return error(404, 'Not Found: method not found');
      if (flood.n > 0) {
        flood.n--;
        return error(429, `Too Many Requests: retry after ${flood.after}`, { retry_after: flood.after });
      }
      const chatId = Number(body.chat_id);
      const text = typeof body.text === 'string' ? body.text : '';
      if (!body.chat_id) return error(400, 'Bad Request: chat_id is empty');
      if (!text.trim()) return error(400, 'Bad Request: message text is empty');
      if (text.length > MAX_TEXT) return error(400, 'Bad Request: message is too long');
      const chat = chats.get(chatId);
      if (!chat) return error(400, 'Bad Request: chat not found');
      if (chat.blocked) return error(403, 'Forbidden: bot was blocked by the user');
      const preview = body.link_preview_options as { is_disabled?: boolean } | undefined;
      const message = { message_id: ++nextId, chat_id: chatId, text, link_preview_disabled: preview?.is_disabled === true };
      sent.push(message);
      return {
        status: 200,
        body: {
          ok: true,
          result: {
            message_id: message.message_id,
            from: { id: 7000000001, is_bot: true, first_name: 'Voicebot', username: 'voicebot_notify_bot' },
            chat: { id: chat.id, type: chat.type, ...(chat.first_name ? { first_name: chat.first_name } : {}), ...(chat.title ? { title: chat.title } : {}) },
            date: Math.floor(Date.now() / 1000),
            text,
          },
        },
      };
    },
  };
}
