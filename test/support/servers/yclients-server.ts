import type { IncomingMessage } from 'node:http';
import { readText, sendJson, startLocalServer, type LocalServer } from './http-util.ts';
import {
  documentedEndpoint,
  undocumented,
  YCLIENTS_ACCEPT,
  YCLIENTS_DEPRECATED,
  YCLIENTS_ERRORS,
  YCLIENTS_LIMITS,
  yclientsErrorBody,
} from './official/yclients.ts';

/**
 * A local YCLIENTS REST API (api/v1) for one company, held to the documented description in `official/yclients.ts`:
 * online-booking endpoints (book_services, book_staff, book_dates by month, book_times, book_record and its move),
 * client search, records. Refuses with 400 an undocumented parameter or body field, with 410 the deprecated
 * `GET /clients/{id}`, a wrong Accept header or token; answers in YCLIENTS' `{ success, data, meta }` envelope, a
 * taken time with HTTP 422 / code 433, a blacklisted client with HTTP 403 / code 434, and 429 past the documented
 * 5 requests a second or 200 a minute (or on demand).
 */
export interface YclientsFake extends LocalServer {
  requests: { method: string; path: string; query: URLSearchParams; authorization: string; accept: string; body: any; status: number }[];
  records: FakeRecord[];
  /** The next n requests answer 429 with `Retry-After: 1`. */
  rateLimit(n: number): void;
  /** Take a time before the next book_record arrives (another channel booked it). */
  takeBehindTheBack(staffId: number, datetime: string): void;
  /** Put a phone on the business's blacklist. */
  blacklist(phone: string): void;
  /** Requests refused so far for going past the documented rate limits. */
  overLimitCount(): number;
}

interface FakeRecord { id: number; staff_id: number; services: number[]; client_id: number; datetime: string; deleted: boolean; comment: string }

export const YC = {
  partner: 'partner-token-123',
  user: 'user-token-456',
  company: 4564,
  services: [{ id: 101, title: 'Маникюр', price_min: 1500, seance_length: 3600 }, { id: 102, title: 'Стрижка женская', price_min: 2000, seance_length: 5400 }],
  staff: [{ id: 11, name: 'Ольга', bookable: true, specialization: 'мастер' }, { id: 12, name: 'Марина', bookable: true, specialization: 'мастер' }],
  /** Free times per date (all staff). */
  times: ['10:00', '12:00', '15:00', '16:30', '18:00'],
  tz: '+03:00',
};

const fail = (status: number, message: string, code?: number) => ({ status, body: yclientsErrorBody({ message, code }) });
const digits = (p: unknown) => String(p ?? '').replace(/\D/g, '').slice(-10);

export async function startYclientsServer(opts: { accept?: string; enforceLimits?: boolean } = {}): Promise<YclientsFake> {
  const requests: YclientsFake['requests'] = [];
  const records: FakeRecord[] = [];
  const clients: { id: number; name: string; phone: string }[] = [];
  const blacklisted = new Set<string>();
  const arrivals: number[] = [];
  let limited = 0;
  let overLimit = 0;
  let nextId = 9000;
  const taken = new Set<string>();
  const isFree = (staffId: number, datetime: string) => !taken.has(`${staffId}|${datetime}`) && !records.some((r) => !r.deleted && r.staff_id === staffId && r.datetime === datetime);
  const freeTimes = (staffId: number, date: string) =>
    YC.times.map((time) => ({ time, datetime: `${date}T${time}:00${YC.tz}` }))
      .filter((t) => (staffId ? isFree(staffId, t.datetime) : YC.staff.some((s) => isFree(s.id, t.datetime))))
      .map((t) => ({ time: t.time, seance_length: 3600, sum_length: 3600, datetime: t.datetime }));
  const overRate = () => {
    const now = Date.now();
    arrivals.push(now);
    while (arrivals[0]! <= now - 60_000) arrivals.shift();
    return arrivals.filter((t) => t > now - 1_000).length > YCLIENTS_LIMITS.perSecond || arrivals.length > YCLIENTS_LIMITS.perMinute;
  };

  function route(req: IncomingMessage, url: URL, body: any): { status: number; body: unknown; headers?: Record<string, string> } {
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const limitedNow = opts.enforceLimits !== false && overRate();
    if (req.headers.accept !== (opts.accept ?? YCLIENTS_ACCEPT)) return fail(400, 'Неверный Accept');
    if (limitedNow) overLimit++;
    if (limited > 0 || limitedNow) {
      if (!limitedNow) limited--;
      return { ...fail(429, 'Превышен лимит запросов'), headers: { 'retry-after': '1' } };
    }
    const deprecated = YCLIENTS_DEPRECATED.find((d) => d.method === req.method && new RegExp(`^${d.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
    if (deprecated) return fail(410, `${deprecated.method} ${deprecated.path} устарел: используйте ${deprecated.instead}`);
    const match = documentedEndpoint(req.method ?? '', path);
    if (!match) return fail(404, `no documented route ${req.method} ${path}`);
    const problem = undocumented(match.endpoint, url.searchParams, body);
    if (problem) return fail(400, problem);
    const auth = req.headers.authorization ?? '';
    const full = `Bearer ${YC.partner}, User ${YC.user}`;
    if (auth !== full && (match.endpoint.user || auth !== `Bearer ${YC.partner}`)) return fail(401, 'Авторизация не удалась');
    if (Number(match.params.company_id) !== YC.company) return fail(404, 'Компания не найдена');
    const ok = (data: unknown) => ({ status: 200, body: { success: true, data, meta: [] } });
    const record = records.find((x) => x.id === Number(match.params.record_id));
    switch (`${req.method} ${match.endpoint.path}`) {
      case 'GET /book_services/{company_id}':
        return ok({ events: [], services: YC.services, category: [] });
      case 'GET /book_staff/{company_id}':
        return ok(YC.staff.map((s) => ({ ...s, seance_date: 0 })));
      case 'GET /book_dates/{company_id}': {
        // the documented `date` picks the month; every day of it has free time here
        const month = (url.searchParams.get('date') ?? new Date().toISOString()).slice(0, 7);
        const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
        const dates = Array.from({ length: days }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
        return ok({ working_dates: dates, booking_dates: dates, booking_days: {}, working_days: {} });
      }
      case 'GET /book_times/{company_id}/{staff_id}/{date}':
        return ok(freeTimes(Number(match.params.staff_id), match.params.date ?? ''));
      case 'POST /book_record/{company_id}': {
        const a = body.appointments?.[0];
        if (!a?.datetime || !a.services?.length) return fail(422, 'Не заполнены обязательные поля');
        if (blacklisted.has(digits(body.phone))) return fail(YCLIENTS_ERRORS.blacklisted.status, YCLIENTS_ERRORS.blacklisted.message, YCLIENTS_ERRORS.blacklisted.code);
        const staffId = a.staff_id || YC.staff.find((s) => isFree(s.id, a.datetime))?.id || 0;
        if (!staffId || !isFree(staffId, a.datetime)) return fail(YCLIENTS_ERRORS.timeTaken.status, YCLIENTS_ERRORS.timeTaken.message, YCLIENTS_ERRORS.timeTaken.code);
        let client = clients.find((c) => digits(c.phone) === digits(body.phone));
        if (!client) clients.push((client = { id: clients.length + 1, name: body.fullname, phone: `+${String(body.phone).replace(/\D/g, '')}` }));
        const id = nextId++;
        records.push({ id, staff_id: staffId, services: a.services, client_id: client.id, datetime: a.datetime, deleted: false, comment: body.comment ?? '' });
        return ok([{ id: a.id, record_id: id, record_hash: `h${id}` }]);
      }
      case 'PUT /book_record/{company_id}/{record_id}': {
        if (!record || record.deleted) return fail(404, 'Запись не найдена');
        if (!isFree(record.staff_id, body.datetime)) return fail(YCLIENTS_ERRORS.timeTaken.status, YCLIENTS_ERRORS.timeTaken.message, YCLIENTS_ERRORS.timeTaken.code);
        record.datetime = body.datetime;
        if (body.comment !== undefined) record.comment = body.comment;
        return ok(null);
      }
      case 'POST /company/{company_id}/clients/search': {
        const quick = (body?.filters ?? []).find((f: any) => f.type === 'quick_search')?.state?.value ?? '';
        const q = String(quick).replace(/\D/g, '');
        // quick search matches any part of the phone (or the name), as the real one does
        return ok(clients.filter((c) => (q && c.phone.replace(/\D/g, '').includes(q)) || (!q && c.name.includes(String(quick)))).slice(0, body?.page_size ?? 25));
      }
      case 'GET /records/{company_id}': {
        const clientId = Number(url.searchParams.get('client_id'));
        const from = url.searchParams.get('start_date') ?? '';
        return ok(records.filter((r) => r.client_id === clientId && r.datetime.slice(0, 10) >= from).map(wire));
      }
      case 'GET /record/{company_id}/{record_id}':
        return record ? ok(wire(record)) : fail(404, 'Запись не найдена');
      case 'DELETE /record/{company_id}/{record_id}':
        if (!record || record.deleted) return fail(404, 'Запись не найдена');
        record.deleted = true;
        return { status: 204, body: null };
    }
    return fail(404, `not served here: ${req.method} ${path}`);
  }

  const wire = (r: FakeRecord) => ({
    id: r.id, staff_id: r.staff_id, staff: YC.staff.find((s) => s.id === r.staff_id),
    services: r.services.map((id) => ({ id, title: YC.services.find((s) => s.id === id)?.title })),
    client: clients.find((c) => c.id === r.client_id), datetime: r.datetime, deleted: r.deleted, comment: r.comment,
  });

  const server = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const text = await readText(req);
    const body = text ? JSON.parse(text) : null;
    const out = route(req, url, body);
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization ?? '', accept: String(req.headers.accept), body, status: out.status });
    if (out.status === 204) return void res.writeHead(204).end();
    sendJson(res, out.status, out.body, out.headers);
  });
  return Object.assign(server, {
    requests,
    records,
    rateLimit: (n: number) => void (limited = n),
    takeBehindTheBack: (staffId: number, datetime: string) => void taken.add(`${staffId}|${datetime}`),
    blacklist: (phone: string) => void blacklisted.add(digits(phone)),
    overLimitCount: () => overLimit,
  });
}
