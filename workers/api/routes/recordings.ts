import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { parseRange } from '../../calls/byte-range.ts';
import { verifyRecordingLink } from '../../calls/recording-link.ts';
import { db, schema } from '../../db/client.ts';
import { apiError } from '../errors.ts';
import { errorResponses } from '../openapi.ts';
import { createRouter } from '../router.ts';

/** `GET /recordings/{callId}?expires&sig`: the signed link from GET /calls/{id}; streams the OGG from R2 (Range supported). */
export const recordings = createRouter();

recordings.openapi(
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['calls'],
    summary: 'Stream a call recording through a signed, short-lived link (no API key)',
    security: [],
    request: {
      params: z.object({ id: z.string().min(1) }),
      query: z.object({ expires: z.coerce.number().int().positive(), sig: z.string().regex(/^[0-9a-f]{64}$/) }),
    },
    responses: {
      200: { description: 'The recording', content: { 'audio/ogg': { schema: z.string() } } },
      206: { description: 'One byte range of the recording (RFC 9110; several ranges or a malformed header get the whole file)', content: { 'audio/ogg': { schema: z.string() } } },
      416: { description: 'The range starts past the end (`Content-Range: bytes */size`)' },
      ...errorResponses({ 403: 'Bad or expired link', 404: 'No such recording (erased)' }),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { expires, sig } = c.req.valid('query');
    const t = schema.calls;
    const row = await db(c.env.DB).select({ key: t.recordingKey }).from(t).where(eq(t.id, id)).get();
    // Same answer for an unknown call and a forged link: the link proves nothing about which calls exist.
    const verdict = row?.key ? await verifyRecordingLink(c.env, id, row.key, expires, sig, Date.now()) : 'bad_signature';
    if (verdict === 'bad_signature') throw apiError(403, 'forbidden', 'invalid recording link');
    if (verdict === 'expired') throw apiError(403, 'link_expired', 'recording link expired; get a new one from GET /calls/{id}');
    const head = await c.env.CALLS.head(row!.key!);
    if (!head) throw apiError(404, 'not_found', 'recording not found');
    const want = parseRange(c.req.header('range'), head.size);
    const headers = new Headers({ 'content-type': head.httpMetadata?.contentType ?? 'audio/ogg', 'accept-ranges': 'bytes', 'cache-control': 'private, no-store', etag: head.httpEtag });
    if (want.kind === 'unsatisfiable') {
      headers.set('content-range', `bytes */${head.size}`);
      return new Response(null, { status: 416, headers }) as never;
    }
    const obj = await c.env.CALLS.get(row!.key!, want.kind === 'range' ? { range: { offset: want.offset, length: want.length } } : {});
    if (!obj) throw apiError(404, 'not_found', 'recording not found');
    if (want.kind === 'range') {
      headers.set('content-range', `bytes ${want.offset}-${want.offset + want.length - 1}/${head.size}`);
      headers.set('content-length', String(want.length));
      return new Response(obj.body, { status: 206, headers }) as never;
    }
    headers.set('content-length', String(head.size));
    return new Response(obj.body, { status: 200, headers }) as never;
  },
);
