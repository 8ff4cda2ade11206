/**
 * The YCLIENTS REST API as its documentation describes it (developer.yclients.com, "YCLIENTS REST API"; the same
 * protocol is published for Altegio at developer.alteg.io), written by the tests independently of the client:
 * which endpoints exist, which query parameters and body fields each documents, the Accept header, the rate limits
 * and the documented error answers. The local YCLIENTS server refuses anything outside this description with 400, so
 * a client that sends an undocumented parameter, a deprecated endpoint or a wrong header fails its tests.
 */
export const YCLIENTS_ACCEPT = 'application/vnd.yclients.v2+json';
/** "Лимиты 200 запросов в минуту, или 5 запросов в секунду на один IP-адрес." */
export const YCLIENTS_LIMITS = { perMinute: 200, perSecond: 5 } as const;

export interface DocumentedEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /api/v1 with `{…}` segments. */
  path: string;
  query?: readonly string[];
  /** Body fields the docs list (the first `required` of them must be present). */
  body?: { fields: readonly string[]; required: readonly string[] };
  /** Needs `User <token>` besides the partner token. */
  user?: boolean;
}

export const YCLIENTS_ENDPOINTS: readonly DocumentedEndpoint[] = [
  { method: 'GET', path: '/book_services/{company_id}', query: ['staff_id', 'datetime', 'service_ids[]', 'event_ids[]'] },
  { method: 'GET', path: '/book_staff/{company_id}', query: ['service_ids[]', 'datetime', 'without_seances'] },
  // "date: дата в рамках месяца, если нужны даты на конкретный месяц" (date_from/date_to appear only in Altegio's description)
  { method: 'GET', path: '/book_dates/{company_id}', query: ['service_ids[]', 'staff_id', 'date'] },
  { method: 'GET', path: '/book_times/{company_id}/{staff_id}/{date}', query: ['service_ids[]'] },
  {
    method: 'POST',
    path: '/book_record/{company_id}',
    body: { fields: ['phone', 'fullname', 'email', 'code', 'comment', 'notify_by_sms', 'notify_by_email', 'api_id', 'appointments'], required: ['phone', 'fullname', 'appointments'] },
  },
  // moving an online booking: the record's new datetime (and optionally a new comment)
  { method: 'PUT', path: '/book_record/{company_id}/{record_id}', body: { fields: ['datetime', 'comment'], required: ['datetime'] }, user: true },
  {
    method: 'POST',
    path: '/company/{company_id}/clients/search',
    body: { fields: ['page', 'page_size', 'fields', 'order_by', 'order_by_direction', 'operation', 'filters'], required: [] },
    user: true,
  },
  { method: 'GET', path: '/records/{company_id}', query: ['page', 'count', 'staff_id', 'client_id', 'created_user_id', 'start_date', 'end_date', 'c_start_date', 'c_end_date', 'changed_after', 'changed_before', 'include_consumables', 'include_finance_transactions', 'with_deleted'], user: true },
  { method: 'GET', path: '/record/{company_id}/{record_id}', user: true },
  { method: 'DELETE', path: '/record/{company_id}/{record_id}', user: true },
];

/** Endpoints the docs mark deprecated in favour of another; the server answers 410 naming the replacement. */
export const YCLIENTS_DEPRECATED = [{ method: 'GET', path: '/clients/{company_id}', instead: 'POST /company/{company_id}/clients/search' }] as const;

/** The documented error answers of online booking (status and error code). */
export const YCLIENTS_ERRORS = {
  /** "Выбранное время уже занято": HTTP 422, code 433. */
  timeTaken: { status: 422, code: 433, message: 'Выбранное время уже занято' },
  /** The client is on the business's blacklist: HTTP 403, code 434. */
  blacklisted: { status: 403, code: 434, message: 'Клиент находится в черном списке' },
} as const;

/**
 * An error answer: YCLIENTS' envelope (`success: false`, `meta.message`) with the error code in `errors`. Where the
 * docs place the code is the one thing here not confirmed from the description: the client reads `errors.code`
 * and also `meta.errors.code`.
 */
export function yclientsErrorBody(e: { code?: number; message: string }): unknown {
  return { success: false, data: null, meta: { message: e.message }, ...(e.code ? { errors: { code: e.code, message: e.message } } : {}) };
}

/** Matches a request to a documented endpoint; `params` holds the `{…}` segments. */
export function documentedEndpoint(method: string, path: string): { endpoint: DocumentedEndpoint; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const endpoint of YCLIENTS_ENDPOINTS) {
    if (endpoint.method !== method) continue;
    const tpl = endpoint.path.split('/').filter(Boolean);
    if (tpl.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (tpl.every((t, i) => (t.startsWith('{') ? ((params[t.slice(1, -1)] = parts[i]!), true) : t === parts[i]))) return { endpoint, params };
  }
  return null;
}

/** What is wrong with a request by the documentation, or null. */
export function undocumented(endpoint: DocumentedEndpoint, query: URLSearchParams, body: unknown): string | null {
  for (const k of new Set(query.keys())) if (!endpoint.query?.includes(k)) return `query parameter ${k} is not documented for ${endpoint.method} ${endpoint.path}`;
  if (!endpoint.body) return body === null || body === undefined ? null : `${endpoint.method} ${endpoint.path} takes no body`;
  const b = (body ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!endpoint.body.fields.includes(k)) return `body field ${k} is not documented for ${endpoint.method} ${endpoint.path}`;
  for (const k of endpoint.body.required) if (b[k] === undefined || b[k] === '') return `body field ${k} is required`;
  return null;
}
