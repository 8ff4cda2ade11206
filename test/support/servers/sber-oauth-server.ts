import { startLocalServer, readText, sendJson, type LocalServer } from './http-util.ts';

/** One token request as Sber's OAuth endpoint sees it. */
export interface SberOAuthRequest {
  authorization: string | undefined;
  rquid: string | undefined;
  scope: string | null;
}

export interface SberOAuthServer extends LocalServer {
  /** `http://127.0.0.1:<port>/api/v2/oauth`, for SALUTE_OAUTH_URL / GIGACHAT_OAUTH_URL. */
  oauthUrl: string;
  requests: SberOAuthRequest[];
  /** True when `token` was issued here and has not expired (by the server's clock). */
  isValid(token: string): boolean;
}

/**
 * A local server speaking Sber's OAuth token endpoint (`POST /api/v2/oauth`, used by SaluteSpeech and GigaChat), held
 * to the request example in Sber's docs ("Получение токена доступа": `Content-Type: application/x-www-form-urlencoded`,
 * `Accept: application/json`, `RqUID: <uuid4>`, `Authorization: Basic <authorization key>`, body `scope=…`) — a request
 * without any of them is refused with 400 — and answering like the response example: `{"access_token","expires_at"}`
 * (epoch ms); `{"code":…,"message":…}` with 401/400 for a bad key or scope.
 */
export async function startSberOAuthServer(opts: {
  authKey: string;
  scope: string;
  /** Token lifetime; Sber's is 30 minutes. */
  lifetimeMs?: number;
  now?: () => number;
}): Promise<SberOAuthServer> {
  const now = opts.now ?? Date.now;
  const lifetime = opts.lifetimeMs ?? 30 * 60_000;
  const requests: SberOAuthRequest[] = [];
  const issued = new Map<string, number>();
  const local = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v2/oauth') return sendJson(res, 404, { code: 404, message: 'not found' });
    const scope = new URLSearchParams(await readText(req)).get('scope');
    const rec = { authorization: req.headers.authorization, rquid: req.headers.rquid as string | undefined, scope };
    requests.push(rec);
    if (!rec.rquid || !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(rec.rquid)) return sendJson(res, 400, { code: 5, message: 'RqUID header is invalid' });
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return sendJson(res, 400, { code: 4, message: 'Content-Type must be application/x-www-form-urlencoded' });
    if (req.headers.accept !== 'application/json') return sendJson(res, 400, { code: 4, message: 'Accept must be application/json' });
    if (rec.authorization !== `Basic ${opts.authKey}`) return sendJson(res, 401, { code: 6, message: 'Authorization error: credentials are invalid' });
    if (scope !== opts.scope) return sendJson(res, 400, { code: 7, message: 'scope is invalid' });
    const token = `eyJ-sber-${opts.scope.toLowerCase()}-${requests.length}`;
    const expiresAt = now() + lifetime;
    issued.set(token, expiresAt);
    return sendJson(res, 200, { access_token: token, expires_at: expiresAt });
  });
  return {
    ...local,
    oauthUrl: `${local.url}/api/v2/oauth`,
    requests,
    isValid: (token) => (issued.get(token) ?? 0) > now(),
  };
}
