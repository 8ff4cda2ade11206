import { startLocalServer, readText, sendJson, type LocalServer } from './http-util.ts';

type Payload = Record<string, unknown>;
interface Point {
  id: string | number;
  vector: number[];
  payload: Payload;
}
interface Collection {
  size: number;
  distance: string;
  points: Map<string, Point>;
  payloadIndexes: Map<string, string>;
}
interface FieldMatch {
  key: string;
  match: { value: unknown };
}
interface Filter {
  must?: FieldMatch[];
}

/** A recorded request: method, path (without query) and JSON body. */
export interface QdrantRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  apiKey?: string;
}

const ok = (result: unknown) => ({ result, status: 'ok', time: 0.0001 });
const fail = (error: string) => ({ status: { error }, time: 0.0001 });
const completed = { operation_id: 1, status: 'completed' };

function matches(p: Point, filter: Filter | undefined): boolean {
  return (filter?.must ?? []).every((c) => p.payload[c.key] === c.match.value);
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * A local server speaking the subset of Qdrant's REST API (v1.x) the knowledge index uses, with Qdrant's
 * envelopes `{result, status: "ok", time}` / `{status: {error}, time}`:
 * `GET /collections/{c}/exists`, `PUT /collections/{c}` (vectors.size, distance Cosine),
 * `PUT /collections/{c}/index` (payload index), `PUT /collections/{c}/points` (upsert),
 * `POST /collections/{c}/points/query` (query vector, `must` match filter, limit),
 * `POST /collections/{c}/points/delete` (by filter or ids). Requires `api-key` when `apiKey` is set.
 */
export async function startQdrantServer(opts: { apiKey?: string } = {}): Promise<
  Pick<LocalServer, 'url' | 'close'> & { requests: QdrantRequest[]; collections: Map<string, Collection> }
> {
  const collections = new Map<string, Collection>();
  const requests: QdrantRequest[] = [];
  const srv = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readText(req);
    const body = text ? (JSON.parse(text) as Record<string, any>) : null;
    const apiKey = req.headers['api-key'] as string | undefined;
    requests.push({ method: req.method ?? '', path: url.pathname, query: url.search, body, apiKey });
    if (opts.apiKey && apiKey !== opts.apiKey) return sendJson(res, 401, fail('Invalid api-key'));

    const m = /^\/collections\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, fail('Not found'));
    const name = decodeURIComponent(m[1]!);
    const rest = m[2] ?? '';
    const col = collections.get(name);
    const route = `${req.method} ${rest}`;

    if (route === 'GET /exists') return sendJson(res, 200, ok({ exists: !!col }));
    if (route === 'PUT ') {
      if (col) return sendJson(res, 409, fail(`Wrong input: Collection \`${name}\` already exists!`));
      const vectors = body?.vectors as { size: number; distance: string };
      collections.set(name, { size: vectors.size, distance: vectors.distance, points: new Map(), payloadIndexes: new Map() });
      return sendJson(res, 200, ok(true));
    }
    if (!col) return sendJson(res, 404, fail(`Not found: Collection \`${name}\` doesn't exist!`));
    switch (route) {
      case 'PUT /index':
        col.payloadIndexes.set(body!.field_name, body!.field_schema);
        return sendJson(res, 200, ok(completed));
      case 'PUT /points':
        for (const p of body!.points as Point[]) {
          if (p.vector.length !== col.size) {
            return sendJson(res, 400, fail(`Wrong input: Vector dimension error: expected dim: ${col.size}, got ${p.vector.length}`));
          }
          col.points.set(String(p.id), { id: p.id, vector: p.vector, payload: p.payload ?? {} });
        }
        return sendJson(res, 200, ok(completed));
      case 'POST /points/query': {
        const query = body!.query as number[];
        const hits = [...col.points.values()]
          .filter((p) => matches(p, body!.filter))
          .map((p) => ({ id: p.id, version: 1, score: cosine(query, p.vector), ...(body!.with_payload ? { payload: p.payload } : {}) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, body!.limit ?? 10);
        return sendJson(res, 200, ok({ points: hits }));
      }
      case 'POST /points/delete': {
        const ids = new Set(((body!.points as unknown[]) ?? []).map(String));
        for (const [id, p] of col.points) if (ids.has(id) || (body!.filter && matches(p, body!.filter))) col.points.delete(id);
        return sendJson(res, 200, ok(completed));
      }
    }
    return sendJson(res, 404, fail(`Not found: ${route}`));
  });
  return { url: srv.url, close: srv.close, requests, collections };
}
