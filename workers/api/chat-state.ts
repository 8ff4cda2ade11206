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

/** An opaque, HMAC-signed token of the chat's dialog state: `<payload>.<signature>` (base64url). */
export async function signChatState(env: Env, botId: string, configVersion: number, state: DialogState): Promise<string> {
  const payload: ChatStatePayload = { v: 1, bot: botId, cv: configVersion, state };
  const body = b64url(enc.encode(JSON.stringify(payload)));
  return `${body}.${await signature(env, body)}`;
}

/**
 * The dialog state of a token this API signed for this bot. A forged or damaged token is a 422 `invalid_state`;
 * a token of another bot too; one from an older config version is a 409 `state_expired` (start the chat again).
 */
export async function readChatState(env: Env, token: string, botId: string, configVersion: number): Promise<DialogState> {
  const [body, sig] = token.split('.');
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
