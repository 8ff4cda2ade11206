import { Metadata } from '@grpc/grpc-js';
import { envValue, requireEnv, type ProviderEnv } from '../env.ts';
import type { ProviderKind } from '../errors.ts';
import { SBER_OAUTH_URL, SberOAuth } from './oauth.ts';

export const defaultSaluteOptions = { endpoint: 'smartspeech.sber.ru:443', scope: 'SALUTE_SPEECH_PERS' } as const;

const managers = new Map<string, SberOAuth>();

/** What a SaluteSpeech client needs: the token source (shared per key and scope in this process) and the endpoint. */
export interface SaluteSetup {
  oauth: SberOAuth;
  endpoint: string;
}

/**
 * SaluteSpeech settings from the env: `SALUTE_AUTH_KEY` (required), `SALUTE_SCOPE` (default SALUTE_SPEECH_PERS),
 * `SALUTE_OAUTH_URL`, `SALUTE_ENDPOINT`. STT and TTS of all calls share one token, refreshed before expiry.
 */
export function saluteSetup(env: ProviderEnv, kind: ProviderKind): SaluteSetup {
  const authKey = requireEnv(env, 'SALUTE_AUTH_KEY', 'salute', kind);
  const scope = envValue(env, 'SALUTE_SCOPE') ?? defaultSaluteOptions.scope;
  const url = envValue(env, 'SALUTE_OAUTH_URL') ?? SBER_OAUTH_URL;
  const id = `${url}\n${scope}\n${authKey}`;
  let oauth = managers.get(id);
  if (!oauth) {
    oauth = new SberOAuth({ authKey, scope, url, envKey: 'SALUTE_AUTH_KEY', provider: 'salute', kind });
    managers.set(id, oauth);
  }
  return { oauth, endpoint: envValue(env, 'SALUTE_ENDPOINT') ?? defaultSaluteOptions.endpoint };
}

/** gRPC metadata with the current access token. */
export async function saluteMetadata(oauth: SberOAuth): Promise<Metadata> {
  const md = new Metadata();
  md.set('authorization', `Bearer ${await oauth.token()}`);
  return md;
}
