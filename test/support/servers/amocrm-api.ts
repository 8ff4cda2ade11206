/**
 * amoCRM's API v4 and OAuth 2.0 token endpoint (amocrm.ru/developers: "Авторизация OAuth 2.0", "Контакты",
 * "Сделки", "Примечания") as a plain function for the Worker tests' stubbed fetch; no Node imports.
 * - `POST /oauth2/access_token` with `grant_type` `authorization_code` (code, redirect_uri) or `refresh_token`: answers
 *   `{ token_type: 'Bearer', expires_in, access_token, refresh_token }`; a used refresh token is revoked (rotation).
 * - `GET /api/v4/contacts?query=` (204 when nothing matches), `POST /api/v4/contacts`, `GET /api/v4/leads?query=`,
 *   `POST /api/v4/leads`, `POST /api/v4/leads/{id}/notes`, `GET /api/v4/account`; answers with `_embedded`.
 * - 401 for a missing, unknown or expired access token; 429 past 7 requests a second; `down` answers 503 to all.
 */
export interface AmoLead { id: number; name: string; pipeline_id?: number; status_id?: number; contacts: number[]; custom_fields_values?: unknown[] }
export interface AmoApi {
  requests: { method: string; path: string; query: URLSearchParams; authorization: string | null; body: any }[];
  contacts: { id: number; name: string; phone: string }[];
  leads: AmoLead[];
  notes: { lead_id: number; note_type: string; text: string }[];
  /** Expire every access token issued so far (the next API call answers 401). */
  expireTokens(): void;
  /** While true every request answers 503. */
  down: boolean;
  /** The next n API requests answer 429. */
  throttle(n: number): void;
  handle(req: { method: string; url: string; headers: Headers; body: string }): { status: number; body: unknown; headers?: Record<string, string> };
}

export function amocrmApi(o: { clientId: string; clientSecret: string; redirectUri: string; code: string }): AmoApi {
  const requests: AmoApi['requests'] = [];
  const contacts: AmoApi['contacts'] = [];
  const leads: AmoLead[] = [];
  const notes: AmoApi['notes'] = [];
  const access = new Map<string, boolean>();
  const refresh = new Set<string>();
  let seq = 0;
  let throttled = 0;
  const api: AmoApi = {
    requests, contacts, leads, notes, down: false,
    expireTokens: () => access.forEach((_, k) => access.set(k, false)),
    throttle: (n) => void (throttled = n),
    handle(req) {
      const url = new URL(req.url);
      const body = req.body ? JSON.parse(req.body) : null;
      requests.push({ method: req.method, path: url.pathname, query: url.searchParams, authorization: req.headers.get('authorization'), body });
      if (api.down) return { status: 503, body: { title: 'Service Unavailable', status: 503 } };
      if (url.pathname === '/oauth2/access_token' && req.method === 'POST') {
        if (body?.client_id !== o.clientId || body?.client_secret !== o.clientSecret || body?.redirect_uri !== o.redirectUri) return { status: 400, body: { hint: 'Client authentication failed', title: 'Некорректный запрос', status: 400 } };
        if (body.grant_type === 'authorization_code' ? body.code !== o.code : body.grant_type !== 'refresh_token' || !refresh.delete(body.refresh_token)) {
          return { status: 400, body: { hint: 'Authorization code has been revoked', title: 'Некорректный запрос', status: 400 } };
        }
        const n = ++seq;
        access.set(`acc-${n}`, true);
        refresh.add(`ref-${n}`);
        return { status: 200, body: { token_type: 'Bearer', expires_in: 86_400, access_token: `acc-${n}`, refresh_token: `ref-${n}` } };
      }
      const token = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
      if (!access.get(token)) return { status: 401, body: { title: 'Unauthorized', type: 'https://httpstatus.es/401', status: 401, detail: 'Неверный логин или пароль' } };
      if (throttled > 0) {
        throttled--;
        return { status: 429, body: { title: 'Too Many Requests', status: 429 }, headers: { 'retry-after': '2' } };
      }
      const m = `${req.method} ${url.pathname}`;
      const q = (url.searchParams.get('query') ?? '').replace(/\D/g, '');
      if (m === 'GET /api/v4/account') return { status: 200, body: { id: 31337, name: 'Салон Элегант', subdomain: 'elegant' } };
      if (m === 'GET /api/v4/contacts') {
        const found = contacts.filter((c) => q && c.phone.replace(/\D/g, '').endsWith(q.slice(-10)));
        return found.length ? { status: 200, body: { _embedded: { contacts: found.map((c) => ({ id: c.id, name: c.name })) } } } : { status: 204, body: null };
      }
      if (m === 'POST /api/v4/contacts') {
        const made = (body as any[]).map((c) => {
          const phone = c.custom_fields_values?.find((f: any) => f.field_code === 'PHONE')?.values?.[0]?.value ?? '';
          const row = { id: 7000 + contacts.length + 1, name: c.name, phone };
          contacts.push(row);
          return { id: row.id, request_id: c.request_id ?? '0' };
        });
        return { status: 200, body: { _embedded: { contacts: made } } };
      }
      if (m === 'GET /api/v4/leads') {
        const text = url.searchParams.get('query') ?? '';
        const found = leads.filter((l) => text && l.name.includes(text));
        return found.length ? { status: 200, body: { _embedded: { leads: found } } } : { status: 204, body: null };
      }
      if (m === 'POST /api/v4/leads') {
        const made = (body as any[]).map((l) => {
          const row: AmoLead = { id: 9100 + leads.length + 1, name: l.name, pipeline_id: l.pipeline_id, status_id: l.status_id, contacts: (l._embedded?.contacts ?? []).map((c: any) => c.id), custom_fields_values: l.custom_fields_values };
          leads.push(row);
          return { id: row.id, request_id: l.request_id ?? '0' };
        });
        return { status: 200, body: { _embedded: { leads: made } } };
      }
      const note = /^\/api\/v4\/leads\/(\d+)\/notes$/.exec(url.pathname);
      if (req.method === 'POST' && note) {
        const leadId = Number(note[1]);
        if (!leads.some((l) => l.id === leadId)) return { status: 404, body: { title: 'Not Found', status: 404 } };
        const made = (body as any[]).map((n) => (notes.push({ lead_id: leadId, note_type: n.note_type, text: n.params?.text ?? '' }), { id: 500 + notes.length, entity_id: leadId }));
        return { status: 200, body: { _embedded: { notes: made } } };
      }
      return { status: 404, body: { title: 'Not Found', status: 404 } };
    },
  };
  return api;
}
