import type { IncomingMessage, ServerResponse } from 'node:http';
import { stemText } from '../../../core/text/stem.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { startLocalServer, readText, sendJson, sleep, type LocalServer } from './http-util.ts';

/** A knowledge chunk as the search endpoint returns it. */
export interface StubChunk {
  chunk_id: string;
  doc_id: string;
  text: string;
  source?: string;
  page?: number | null;
  section?: string | null;
}

/** Mutable behaviour of the stub; tests change it between steps. */
export interface ApiStubState {
  token: string;
  bots: Map<string, { id: string; slug: string; company_id: string; config_version: number; config: BotConfig }>;
  phones: Map<string, string>;
  knowledge: Map<string, StubChunk[]>;
  /** Bodies accepted by `POST /internal/calls`. */
  calls: unknown[];
  /** Next N call posts answer with `callFailureStatus` (0 = drop the connection). */
  callFailures: number;
  callFailureStatus: number;
  /** Delay added to every request (slow API). */
  delayMs: number;
  searches: { botId: string; q: string; topK: number; auth: string | undefined }[];
  /** The internal booking routes (`/internal/bots/{id}/availability|bookings…`); absent: 404, a booking system that is not there. */
  booking?: (req: IncomingMessage, res: ServerResponse, url: URL, body: unknown) => boolean;
}

function score(question: string, text: string): number {
  const q = new Set(stemText(question).filter((w) => w.length > 2));
  if (!q.size) return 0;
  const words = new Set(stemText(text));
  let hits = 0;
  for (const w of q) if (words.has(w)) hits += 1;
  return hits / q.size;
}

/**
 * A local stand-in for the admin API routes the agent-host calls: bot runtime by id/slug or by
 * phone number, knowledge search (stem-overlap ranking over given chunks) and `POST /internal/calls`,
 * all behind `Authorization: Bearer <token>`.
 */
export async function startApiStub(init: Partial<ApiStubState> = {}): Promise<Pick<LocalServer, 'url' | 'close'> & { state: ApiStubState }> {
  const state: ApiStubState = {
    token: 'test-agent-token',
    bots: new Map(),
    phones: new Map(),
    knowledge: new Map(),
    calls: [],
    callFailures: 0,
    callFailureStatus: 503,
    delayMs: 0,
    searches: [],
    ...init,
  };
  const srv = await startLocalServer(async (req, res) => {
    if (state.delayMs) await sleep(state.delayMs);
    if (req.headers.authorization !== `Bearer ${state.token}`) {
      return sendJson(res, 401, { error: { code: 'unauthorized', message: 'bad token' } });
    }
    const url = new URL(req.url ?? '/', 'http://stub');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const notFound = () => sendJson(res, 404, { error: { code: 'not_found', message: 'not found' } });

    if (req.method === 'GET' && parts[0] === 'internal' && parts[1] === 'bots' && parts[3] === 'runtime') {
      const bot = state.bots.get(parts[2]!) ?? [...state.bots.values()].find((b) => b.slug === parts[2]);
      return bot ? sendJson(res, 200, { bot }) : notFound();
    }
    if (req.method === 'GET' && parts[0] === 'internal' && parts[1] === 'phone-numbers' && parts[3] === 'bot') {
      const botId = state.phones.get(parts[2]!);
      const bot = botId ? state.bots.get(botId) : undefined;
      return bot ? sendJson(res, 200, { bot }) : notFound();
    }
    if (req.method === 'GET' && parts[0] === 'bots' && parts[2] === 'knowledge' && parts[3] === 'search') {
      const q = url.searchParams.get('q') ?? '';
      const topK = Number(url.searchParams.get('top_k') ?? 5);
      state.searches.push({ botId: parts[1]!, q, topK, auth: req.headers.authorization });
      const results = (state.knowledge.get(parts[1]!) ?? [])
        .map((c) => ({ ...c, source: c.source ?? 'faq.txt', page: c.page ?? null, section: c.section ?? null, score: score(q, c.text) }))
        .filter((c) => c.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, topK);
      return sendJson(res, 200, { results });
    }
    if (state.booking && /^\/internal\/bots\/[^/]+\/(availability|bookings)/.test(url.pathname)) {
      const text = await readText(req);
      if (state.booking(req, res, url, text ? JSON.parse(text) : null)) return;
    }
    if (req.method === 'POST' && url.pathname === '/internal/calls') {
      const body = JSON.parse(await readText(req)) as unknown;
      if (state.callFailures > 0) {
        state.callFailures -= 1;
        if (state.callFailureStatus === 0) return void req.socket.destroy();
        return sendJson(res, state.callFailureStatus, { error: { code: 'unavailable', message: 'try later' } });
      }
      state.calls.push(body);
      return sendJson(res, 202, { ok: true });
    }
    return notFound();
  });
  return { url: srv.url, close: srv.close, state };
}
