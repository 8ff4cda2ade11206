import type { IncomingMessage, ServerResponse } from 'node:http';
import { readText, sendJson, startLocalServer, type LocalServer } from '../../support/servers/http-util.ts';
import { FakeBookingHost } from '../../core/engine/booking-host.ts';

export const TOKEN = 'agent-token-1';

const ROUTE = /^\/internal\/bots\/([^/]+)\/(availability|bookings)(?:\/([^/]+)\/(cancel|move))?$/;

/**
 * The Worker's internal booking routes over an in-memory calendar, with the Worker's request/response shapes.
 * Returns false when the path is not one of them (the caller answers it).
 */
export function answerBookingRoute(host: FakeBookingHost, req: IncomingMessage, res: ServerResponse, url: URL, body: any): boolean {
  const m = ROUTE.exec(url.pathname);
  if (!m) return false;
  if (m[2] === 'availability') {
    const a = host.availability(body);
    if (a.status === 'unknown_staff' || a.status === 'unknown_service') sendJson(res, 422, { error: { code: a.status, message: 'not found' } });
    else sendJson(res, 200, a);
  } else if (m[4] === 'cancel') sendJson(res, 200, host.booking({ op: 'cancel', bookingId: m[3]! }));
  else if (m[4] === 'move') sendJson(res, 200, host.booking({ op: 'move', bookingId: m[3]!, idempotencyKey: body.idempotency_key, date: body.date, time: body.time }));
  else if (req.method === 'GET') {
    const found = host.booking({ op: 'find', phone: url.searchParams.get('phone') ?? '' });
    sendJson(res, 200, { bookings: found.status === 'found' ? found.bookings : [] });
  } else {
    const { idempotency_key, call_id: _c, ...rest } = body;
    sendJson(res, 200, host.booking({ op: 'create', idempotencyKey: idempotency_key, ...rest }));
  }
  return true;
}

/**
 * The Worker's internal booking routes (`/internal/bots/{id}/availability`, `/bookings`, `/bookings/{id}/cancel|move`)
 * on 127.0.0.1 over an in-memory calendar, with the service-token check.
 */
export async function startBookingApi(host = new FakeBookingHost()): Promise<LocalServer & { host: FakeBookingHost; log: { method: string; path: string; body: any; auth: string }[] }> {
  const log: { method: string; path: string; body: any; auth: string }[] = [];
  const server = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const text = await readText(req);
    const body = text ? JSON.parse(text) : null;
    log.push({ method: req.method ?? '', path: url.pathname + url.search, body, auth: req.headers.authorization ?? '' });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return sendJson(res, 401, { error: { code: 'unauthorized', message: 'invalid or revoked credentials' } });
    if (!answerBookingRoute(host, req, res, url, body)) sendJson(res, 404, { error: { code: 'not_found', message: 'no route' } });
  });
  return Object.assign(server, { host, log });
}
