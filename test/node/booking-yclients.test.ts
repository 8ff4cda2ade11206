import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingError } from '../../workers/booking/provider.ts';
import { ALTEGIO_ACCEPT, YclientsClient } from '../../workers/booking/yclients-client.ts';
import { YclientsProvider } from '../../workers/booking/yclients-provider.ts';
import { RequestPacer } from '../../workers/booking/request-pacer.ts';
import { YCLIENTS_ERRORS } from '../support/servers/official/yclients.ts';
import { startYclientsServer, YC, type YclientsFake } from '../support/servers/yclients-server.ts';

const DAY = '2031-03-01';
const NOW = '2031-02-27 10:00';
let yc: YclientsFake;
const waits: number[] = [];
const client = (o: Partial<ConstructorParameters<typeof YclientsClient>[0]> = {}) =>
  new YclientsClient({ partnerToken: YC.partner, userToken: YC.user, baseUrl: `${yc.url}/api/v1`, sleep: async (ms) => void waits.push(ms), ...o });
const provider = () => new YclientsProvider(client(), YC.company);

beforeAll(async () => {
  yc = await startYclientsServer();
});
afterAll(() => yc.close());

describe('YCLIENTS client against the documented protocol', () => {
  it('sends "Bearer <partner>, User <user>" and the v2 Accept header; service_ids as an array', async () => {
    const times = await client().bookTimes(YC.company, 11, DAY, [101]);
    expect(times.map((t) => t.time)).toEqual(YC.times);
    const last = yc.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'GET', path: `/api/v1/book_times/${YC.company}/11/${DAY}`, authorization: `Bearer ${YC.partner}, User ${YC.user}`, accept: 'application/vnd.yclients.v2+json' });
    expect(last.query.getAll('service_ids[]')).toEqual(['101']);
  });

  it('a rejected token is a clear unauthorized error', async () => {
    const err = await client({ userToken: 'wrong' }).bookServices(YC.company).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BookingError);
    expect(err).toMatchObject({ code: 'unauthorized', status: 401, message: expect.stringContaining('Авторизация не удалась') });
  });

  it('429 is retried after Retry-After; when it persists the error says rate limited and retryable', async () => {
    waits.length = 0;
    yc.rateLimit(2);
    expect((await client().bookServices(YC.company)).map((s) => s.title)).toEqual(['Маникюр', 'Стрижка женская']);
    expect(waits).toEqual([1000, 1000]);
    yc.rateLimit(5);
    const err = await client({ maxAttempts: 3 }).bookServices(YC.company).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited', retryable: true });
    yc.rateLimit(0);
  });
});

describe('YCLIENTS: what the description says, checked where our stand-in cannot agree with a drifting client', () => {
  it('every request the provider makes is a documented endpoint with documented parameters (the server refuses others)', async () => {
    const before = yc.requests.length;
    const p = provider();
    await p.availability({ service: 'маникюр', date: '2031-03-05', staff: 'Ольга' }, NOW);
    await p.freeDates({ service: 'маникюр', from: '2031-03-28', days: 7 }, NOW);
    const made = await p.create({ op: 'create', idempotencyKey: 'call_d:booking', service: 'маникюр', date: '2031-03-05', time: '10:00', phone: '+7 903 555-01-02', name: 'Ирина' }, NOW);
    const [found] = await p.findByPhone('+79035550102', NOW);
    await p.move({ op: 'move', bookingId: found!.id, idempotencyKey: 'call_d:move', date: '2031-03-05', time: '12:00' }, NOW);
    await p.cancel(found!.id);
    expect(made.status).toBe('booked');
    const refused = yc.requests.slice(before).filter((r) => r.status >= 400);
    expect(refused.map((r) => `${r.status} ${r.method} ${r.path}`)).toEqual([]);
    expect(yc.requests.slice(before).some((r) => r.method === 'POST' && r.path === `/api/v1/company/${YC.company}/clients/search`)).toBe(true);
  });

  it('a blacklisted client (HTTP 403, code 434) is a booking for a person, not rejected tokens and not a taken time', async () => {
    yc.blacklist('+7 999 404-34-34');
    const result = await provider().create({ op: 'create', idempotencyKey: 'call_b:booking', service: 'маникюр', date: '2031-03-06', time: '10:00', phone: '+7 999 404-34-34', name: 'Пётр' }, NOW);
    expect(result).toMatchObject({ status: 'error', message: expect.stringMatching(/blacklist/) });
    const answer = yc.requests.at(-1)!;
    expect([answer.status, answer.path]).toEqual([YCLIENTS_ERRORS.blacklisted.status, `/api/v1/book_record/${YC.company}`]);
  });

  it('moving a record keeps its comment', async () => {
    const p = provider();
    await p.create({ op: 'create', idempotencyKey: 'call_c:booking', service: 'стрижку', date: '2031-03-07', time: '15:00', phone: '+79110000001', name: 'Вера' }, NOW);
    const [found] = await p.findByPhone('+79110000001', NOW);
    await p.move({ op: 'move', bookingId: found!.id, idempotencyKey: 'call_c:move', date: '2031-03-07', time: '16:30' }, NOW);
    expect(yc.records.find((r) => String(r.id) === found!.id)).toMatchObject({ datetime: '2031-03-07T16:30:00+03:00', comment: 'Запись голосовым ботом' });
    expect(yc.requests.at(-1)!.body).toEqual({ datetime: '2031-03-07T16:30:00+03:00' });
    await p.cancel(found!.id);
  });

  it('a burst of lookups from many calls is paced under 5 a second: the server never answers 429', async () => {
    const limited = await startYclientsServer({ enforceLimits: true });
    try {
      const c = new YclientsClient({ partnerToken: YC.partner, userToken: YC.user, baseUrl: `${limited.url}/api/v1`, pacer: new RequestPacer([{ count: 5, windowMs: 1_100 }, { count: 190, windowMs: 61_000 }]) });
      const started = Date.now();
      const all = await Promise.all(Array.from({ length: 12 }, () => c.bookServices(YC.company)));
      expect(all.every((s) => s.length === 2)).toBe(true);
      expect(limited.overLimitCount()).toBe(0);
      expect(limited.requests.every((r) => r.status === 200)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    } finally {
      await limited.close();
    }
  });

  it('without pacing the same burst trips the documented limit (what the pacing prevents)', async () => {
    const limited = await startYclientsServer({ enforceLimits: true });
    try {
      const unpaced = new RequestPacer([{ count: 1_000, windowMs: 1 }]);
      const c = new YclientsClient({ partnerToken: YC.partner, userToken: YC.user, baseUrl: `${limited.url}/api/v1`, pacer: unpaced, maxAttempts: 1 });
      await Promise.allSettled(Array.from({ length: 12 }, () => c.bookServices(YC.company)));
      expect(limited.overLimitCount()).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('YCLIENTS as the booking provider', () => {
  it('free slots for the service as the caller says it, and alternatives to a taken time', async () => {
    const answer = await provider().availability({ service: 'на маникюр', date: DAY, time: '13:00' }, NOW);
    expect(answer).toMatchObject({ status: 'ok', service: 'Маникюр', requested: null });
    expect(answer.free.map((s) => s.time)).toEqual(YC.times);
    expect(answer.alternatives.map((s) => s.time)).toEqual(['12:00', '15:00']);
    const olga = await provider().availability({ service: 'маникюр', date: DAY, time: '15:00', staff: 'к ольге' }, NOW);
    expect(olga.requested).toMatchObject({ time: '15:00', staffId: '11', staffName: 'Ольга' });
    expect(yc.requests.at(-1)!.path).toBe(`/api/v1/book_times/${YC.company}/11/${DAY}`);
  });

  it('books through book_record with the phone and service; a retried confirmation finds the record instead of booking twice', async () => {
    const op = { op: 'create' as const, idempotencyKey: 'call_7:booking', service: 'маникюр', date: DAY, time: '15:00', staff: 'Ольга', phone: '+7 916 123-45-67', name: 'Анна' };
    const made = await provider().create(op, NOW);
    expect(made).toMatchObject({ status: 'booked', booking: { service: 'Маникюр', date: DAY, time: '15:00', staffName: 'Ольга', phone: '+79161234567' } });
    const post = yc.requests.findLast((r) => r.method === 'POST' && r.path.startsWith('/api/v1/book_record/'))!;
    expect(post.body).toMatchObject({ phone: '79161234567', fullname: 'Анна', api_id: 'call_7:booking', appointments: [{ services: [101], staff_id: 11, datetime: `${DAY}T15:00:00+03:00` }] });
    const again = await provider().create(op, NOW);
    expect(again.status).toBe('booked');
    expect(yc.records.filter((r) => !r.deleted)).toHaveLength(1);
  });

  it('a time taken between the lookup and the booking (code 433) becomes "taken" with fresh alternatives', async () => {
    yc.takeBehindTheBack(12, `${DAY}T18:00:00+03:00`);
    const p = provider();
    const taken = await p.create({ op: 'create', idempotencyKey: 'call_8:booking', service: 'маникюр', date: DAY, time: '18:00', staff: 'Марина', phone: '+79990001122' }, NOW);
    expect(taken.status).toBe('taken');
    if (taken.status === 'taken') expect(taken.alternatives.map((s) => s.time)).toEqual(['15:00', '16:30']);
  });

  it('find by phone, move, cancel', async () => {
    const p = provider();
    const [found] = await p.findByPhone('8 (916) 123-45-67', NOW);
    expect(found).toMatchObject({ service: 'Маникюр', date: DAY, time: '15:00', staffName: 'Ольга', status: 'confirmed' });
    const moved = await p.move({ op: 'move', bookingId: found!.id, idempotencyKey: 'call_9:move', date: DAY, time: '16:30' }, NOW);
    expect(moved).toMatchObject({ status: 'booked', booking: { time: '16:30' } });
    expect(yc.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/api/v1/book_record/${YC.company}/${found!.id}`, body: { datetime: `${DAY}T16:30:00+03:00` } });
    const cancelled = await p.cancel(found!.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', booking: { id: found!.id, status: 'cancelled' } });
    expect(await p.findByPhone('+79161234567', NOW)).toEqual([]);
    await expect(p.cancel(found!.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('free dates come from book_dates for the service', async () => {
    expect(await provider().freeDates({ service: 'стрижку', from: DAY, days: 3 }, NOW)).toEqual([DAY, '2031-03-02', '2031-03-03']);
    expect(yc.requests.at(-1)!.query.getAll('service_ids[]')).toEqual(['102']);
  });

  it('book_dates is asked by month with the documented `date`; a range over a month end asks both months and is cut on our side', async () => {
    const before = yc.requests.length;
    expect(await provider().freeDates({ service: 'маникюр', from: '2031-03-30', days: 4 }, NOW)).toEqual(['2031-03-30', '2031-03-31', '2031-04-01', '2031-04-02']);
    const asked = yc.requests.slice(before).filter((r) => r.path.startsWith('/api/v1/book_dates/'));
    expect(asked.map((r) => r.query.get('date'))).toEqual(['2031-03-01', '2031-04-01']);
    expect(asked.every((r) => !r.query.has('date_from') && !r.query.has('date_to'))).toBe(true);
  });

  it('an unknown service is named', async () => {
    await expect(provider().availability({ service: 'татуировка', date: DAY }, NOW)).rejects.toMatchObject({ code: 'unknown_service', message: expect.stringContaining('татуировка') });
  });
});

describe('Altegio through the same client (the YCLIENTS protocol family)', () => {
  it('books with Altegio\'s documented Accept header and location id; the YCLIENTS header is refused there', async () => {
    const altegio = await startYclientsServer({ accept: ALTEGIO_ACCEPT });
    try {
      const c = (accept?: string) => new YclientsClient({ partnerToken: YC.partner, userToken: YC.user, baseUrl: `${altegio.url}/api/v1`, ...(accept ? { accept } : {}) });
      const p = new YclientsProvider(c(ALTEGIO_ACCEPT), YC.company, 'altegio');
      const made = await p.create({ op: 'create', idempotencyKey: 'call_a:booking', service: 'маникюр', date: DAY, time: '12:00', phone: '+7 926 000-11-22', name: 'Ольга' }, NOW);
      expect(made).toMatchObject({ status: 'booked', booking: { service: 'Маникюр', time: '12:00' } });
      expect(altegio.requests.every((r) => r.accept === ALTEGIO_ACCEPT && r.status < 400)).toBe(true);
      await expect(c().bookServices(YC.company)).rejects.toMatchObject({ message: expect.stringContaining('Accept') });
    } finally {
      await altegio.close();
    }
  });
});
