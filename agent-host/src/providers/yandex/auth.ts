import { Metadata } from '@grpc/grpc-js';
import { envValue, type ProviderEnv } from '../env.ts';
import { ProviderError, type ProviderKind } from '../errors.ts';

/** Env keys that can authenticate a Yandex Cloud call, as named in error messages. */
export const YANDEX_KEY_NAMES = 'YANDEX_API_KEY or YANDEX_IAM_TOKEN';

/** How one Yandex Cloud request authenticates: an `Authorization` value and the folder it bills. */
export interface YandexAuth {
  /** `Api-Key <key>` (service account API key) or `Bearer <IAM token>`. */
  authorization: string;
  /** Folder id; required with an IAM token and for model URIs (`gpt://<folder>/…`). */
  folderId?: string;
}

/**
 * Yandex Cloud credentials from the env: `YANDEX_API_KEY` (preferred: does not expire) or `YANDEX_IAM_TOKEN`
 * (12 h lifetime, refreshed outside this process), plus `YANDEX_FOLDER_ID`. Missing → fatal error naming the keys.
 */
export function yandexAuth(env: ProviderEnv, provider: string, kind: ProviderKind, needFolder = false): YandexAuth {
  const apiKey = envValue(env, 'YANDEX_API_KEY');
  const iam = envValue(env, 'YANDEX_IAM_TOKEN');
  const folderId = envValue(env, 'YANDEX_FOLDER_ID');
  const fail = (message: string) => new ProviderError(message, { provider, kind, retryable: false, fatal: true });
  if (!apiKey && !iam) throw fail(`${YANDEX_KEY_NAMES} is not set`);
  if ((iam && !apiKey) || needFolder) {
    if (!folderId) throw fail(`YANDEX_FOLDER_ID is not set (needed ${needFolder ? 'for the model URI' : 'with YANDEX_IAM_TOKEN'})`);
  }
  return { authorization: apiKey ? `Api-Key ${apiKey}` : `Bearer ${iam}`, ...(folderId ? { folderId } : {}) };
}

/** gRPC metadata of a SpeechKit call: `authorization` and `x-folder-id`. */
export function yandexMetadata(auth: YandexAuth): Metadata {
  const md = new Metadata();
  md.set('authorization', auth.authorization);
  if (auth.folderId) md.set('x-folder-id', auth.folderId);
  return md;
}
