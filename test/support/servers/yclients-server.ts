import type { IncomingMessage } from 'node:http';
import { readText, sendJson, startLocalServer, type LocalServer } from './http-util.ts';

/**
 * A local YCLIENTS REST API (api/v1) for one company: online-booking endpoints (book_services, book_staff, book_dates,
 * book_times, book_record), clients, records. Checks `Authorization: Bearer <partner>, User <user>` and the v2 Accept
 * header, answers in YCLIENTS' `{ success, data, meta }` envelope, 422 with code 433 for a taken time, 429 on demand.
 */
export interface YclientsFake extends LocalServer {
  requests: { method: string; path: string; query: URLSearchParams; authorization: string; accept: string; body: any }[];
  records: FakeRecord[];
  /** The next n requests answer 429 with `Retry-After: 1`. */
  rateLimit(n: number): void;
  /** Take a time before the next book_record arrives (another channel booked it). */
  takeBehindTheBack(staffId: number, datetime: string): void;
}

interface FakeRecord { id: number; staff_id: number; services: number[]; client_id: number; datetime: string; deleted: boolean }

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

const fail = (status: number, message: string, errors?: unknown) => ({ status, body: { success: false, data: null, meta: { message, ...(errors ? { errors } : {}) } } });

export async function startYclientsServer(): Promise<YclientsFake> {
  const requests: YclientsFake['requests'] = [];
  const records: FakeRecord[] = [];
  const clients: { id: number; name: string; phone: string }[] = [];
  let limited = 0;
  let nextId = 9000;
  const taken = new Set<string>();
  const isFree = (staffId: number, datetime: string) => !taken.has(`${staffId}|${datetime}`) && !records.some((r) => !r.deleted && r.staff_id === staffId && r.datetime === datetime);
  const freeTimes = (staffId: number, date: string) =>
    YC.times.map((time) => ({ time, datetime: `${date}T${time}:00${YC.tz}` }))
      .filter((t) => (staffId ? isFree(staffId, t.datetime) : YC.staff.some((s) => isFree(s.id, t.datetime))))
      .map((t) => ({ time: t.time, seance_length: 3600, sum_length: 3600, datetime: t.datetime }));

  function route(req: IncomingMessage, url: URL, body: any): { status: number; body: unknown; headers?: Record<string, string> } {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${YC.partner}, User ${YC.user}`) return fail(401, 'Авторизация не удалась');
    if (req.headers.accept !== 'application/vnd.api.v2+json') return fail(400, 'Неверный Accept');
    if (limited > 0) {
      limited--;
      return { ...fail(429, 'Превышен лимит запросов'), headers: { 'retry-after': '1' } };
    }
    const p = url.pathname.replace(/^\/api\/v1/, '').split('/').filter(Boolean);
    const ok = (data: unknown) => ({ status: 200, body: { success: true, data, meta: [] } });
    if (Number(p[1]) !== YC.company) return fail(404, 'Компания не найдена');
    const m = `${req.method} ${p[0]}`;
    if (m === 'GET book_services') return ok({ events: [], services: YC.services, category: [] });
    if (m === 'GET book_staff') return ok(YC.staff.map((s) => ({ ...s, seance_date: 0 })));
    if (m === 'GET book_dates') {
      const from = url.searchParams.get('date_from') ?? '2031-01-01';
      const dates = [1, 2, 3, 4].map((d) => new Date(Date.parse(`${from}T00:00:00Z`) + (d - 1) * 86_400_000).toISOString().slice(0, 10));
      return ok({ working_dates: dates, booking_dates: dates, booking_days: {}, working_days: {} });
    }
    if (m === 'GET book_times') return ok(freeTimes(Number(p[2]), p[3] ?? ''));
    if (m === 'POST book_record' && p.length === 2) {
      const a = body.appointments?.[0];
      if (!body.phone || !a?.datetime || !a.services?.length) return fail(422, 'Не заполнены обязательные поля');
      const staffId = a.staff_id || YC.staff.find((s) => isFree(s.id, a.datetime))?.id || 0;
      if (!staffId || !isFree(staffId, a.datetime)) return fail(422, 'Выбранное время уже занято', { code: 433 });
      let client = clients.find((c) => c.phone === body.phone);
      if (!client) clients.push((client = { id: clients.length + 1, name: body.fullname, phone: body.phone }));
      const id = nextId++;
      records.push({ id, staff_id: staffId, services: a.services, client_id: client.id, datetime: a.datetime, deleted: false });
      return ok([{ id: a.id, record_id: id, record_hash: `h${id}` }]);
    }
    if (m === 'PUT book_record') {
      const r = records.find((x) => x.id === Number(p[2]) && !x.deleted);
      if (!r) return fail(404, 'Запись не найдена');
      if (!isFree(r.staff_id, body.datetime)) return fail(422, 'Выбранное время уже занято', { code: 433 });
      r.datetime = body.datetime;
      return ok(null);
    }
    if (m === 'GET clients') return ok(clients.filter((c) => c.phone === url.searchParams.get('phone')));
    if (m === 'GET records') {
      const clientId = Number(url.searchParams.get('client_id'));
      const from = url.searchParams.get('start_date') ?? '';
      return ok(records.filter((r) => r.client_id === clientId && r.datetime.slice(0, 10) >= from).map(wire));
    }
    const r = records.find((x) => x.id === Number(p[2]));
    if (m === 'GET record') return r ? ok(wire(r)) : fail(404, 'Запись не найдена');
    if (m === 'DELETE record') {
      if (!r || r.deleted) return fail(404, 'Запись не найдена');
      r.deleted = true;
      return { status: 204, body: null };
    }
    return fail(404, `no route ${m}`);
  }

  const wire = (r: FakeRecord) => ({
    id: r.id, staff_id: r.staff_id, staff: YC.staff.find((s) => s.id === r.staff_id),
    services: r.services.map((id) => ({ id, title: YC.services.find((s) => s.id === id)?.title })),
    client: clients.find((c) => c.id === r.client_id), datetime: r.datetime, deleted: r.deleted,
  });

  const server = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const text = await readText(req);
    const body = text ? JSON.parse(text) : null;
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization ?? '', accept: String(req.headers.accept), body });
    const out = route(req, url, body);
    if (out.status === 204) return void res.writeHead(204).end();
    sendJson(res, out.status, out.body, out.headers);
  });
  return Object.assign(server, {
    requests,
    records,
    rateLimit: (n: number) => void (limited = n),
    takeBehindTheBack: (staffId: number, datetime: string) => void taken.add(`${staffId}|${datetime}`),
  });
}
