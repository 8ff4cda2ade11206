import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
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
      206: { description: 'A byte range of the recording', content: { 'audio/ogg': { schema: z.string() } } },
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
    const obj = await c.env.CALLS.get(row!.key!, { range: c.req.raw.headers });
    if (!obj) throw apiError(404, 'not_found', 'recording not found');
    const headers = new Headers({ 'content-type': obj.httpMetadata?.contentType ?? 'audio/ogg', 'accept-ranges': 'bytes', 'cache-control': 'private, no-store', etag: obj.httpEtag });
    const range = obj.range as { offset?: number; length?: number } | undefined;
    if (c.req.header('range') && range && range.offset !== undefined) {
      const length = range.length ?? obj.size - range.offset;
      headers.set('content-range', `bytes ${range.offset}-${range.offset + length - 1}/${obj.size}`);
      headers.set('content-length', String(length));
      return new Response(obj.body, { status: 206, headers }) as never;
    }
    headers.set('content-length', String(obj.size));
    return new Response(obj.body, { status: 200, headers }) as never;
  },
);
