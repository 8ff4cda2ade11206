import type { DialogState } from '../../core/engine/index.ts';
import type { Env } from '../env.ts';
import { hmacSha256, timingSafeEqual } from '../lib/crypto.ts';
import { apiError } from './errors.ts';

/** What a chat state token carries: the dialog state, bound to one bot and one config version. */
interface ChatStatePayload {
  v: 1;
  bot: string;
  cv: number;
  state: DialogState;
}

const enc = new TextEncoder();
const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromB64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

// A secret of its own is derived from the admin key, so no extra setting is needed to run the panel chat.
const signature = async (env: Env, body: string) => b64url(await hmacSha256(`chat-state:${env.ADMIN_API_KEY}`, body));

/** Characters a state token may have: what the chat endpoints accept back in `state`. */
export const MAX_CHAT_STATE_CHARS = 64_000;
/** Exactly two base64url segments, the second an HMAC-SHA-256 (43 characters): nothing before, between or after. */
const TOKEN = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/**
 * An opaque, HMAC-signed token of the chat's dialog state: `<payload>.<signature>` (base64url). A state that would
 * not fit the endpoint's own `state` limit is a 413 `state_too_large` (start the chat again), never a token the
 * client cannot send back.
 */
export async function signChatState(env: Env, botId: string, configVersion: number, state: DialogState): Promise<string> {
  const payload: ChatStatePayload = { v: 1, bot: botId, cv: configVersion, state };
  const body = b64url(enc.encode(JSON.stringify(payload)));
  const token = `${body}.${await signature(env, body)}`;
  if (token.length > MAX_CHAT_STATE_CHARS) {
    throw apiError(413, 'state_too_large', `the chat state passed ${MAX_CHAT_STATE_CHARS} characters; start the chat again`);
  }
  return token;
}

/**
 * The dialog state of a token this API signed for this bot. A forged or damaged token is a 422 `invalid_state`;
 * a token of another bot too; one from an older config version is a 409 `state_expired` (start the chat again).
 */
export async function readChatState(env: Env, token: string, botId: string, configVersion: number): Promise<DialogState> {
  const [, body, sig] = (token.length <= MAX_CHAT_STATE_CHARS ? TOKEN.exec(token) : null) ?? [];
  let payload: ChatStatePayload | null = null;
  try {
    if (body && sig && timingSafeEqual(await signature(env, body), sig)) {
      payload = JSON.parse(new TextDecoder().decode(fromB64url(body))) as ChatStatePayload;
    }
  } catch {
    payload = null;
  }
  if (!payload || payload.v !== 1 || payload.bot !== botId) {
    throw apiError(422, 'invalid_state', 'state is not a chat state this API issued for this bot', [{ path: 'body.state', message: 'invalid or forged token' }]);
  }
  if (payload.cv !== configVersion) throw apiError(409, 'state_expired', 'the bot config changed since this chat started; start it again');
  return payload.state;
}
