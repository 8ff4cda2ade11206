import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { CallResultSchema } from '../../../core/call-result.ts';
import { CALL_STATUSES } from '../../db/schema.ts';
import { db, schema } from '../../db/client.ts';
import { provenOutcome } from '../../postcall/booking-proof.ts';
import { resolveCallBot, storeCall } from '../../postcall/intake.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { auth } from '../auth.ts';
import { apiError, ErrorBodySchema } from '../errors.ts';
import { jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';

const IntakeResponseSchema = z.object({
  call_id: z.string(),
  bot_id: z.string(),
  status: z.enum(CALL_STATUSES),
  duplicate: z.boolean().describe('true when this call id was already stored; nothing was done twice'),
});

/** `POST /internal/calls`: the agent-host hands over a finished call (service token). */
export const internalCalls = createRouter();
internalCalls.use('/calls', auth({ allow: ['service'] }));

internalCalls.openapi(
  createRoute({
    method: 'post',
    path: '/calls',
    tags: ['internal'],
    summary: 'Store a finished call (CallResult) and queue its post-call processing; idempotent per call_id',
    request: { body: { required: true, content: { 'application/json': { schema: CallResultSchema } } } },
    responses: {
      202: jsonResponse(IntakeResponseSchema, 'Stored and queued'),
      200: jsonResponse(IntakeResponseSchema, 'Already stored (repeat post); not processed twice'),
      401: jsonResponse(ErrorBodySchema, 'Missing or invalid service token'),
      404: jsonResponse(ErrorBodySchema, 'Unknown bot'),
      409: jsonResponse(ErrorBodySchema, 'Slug used by several companies, or call id taken by another company'),
      410: jsonResponse(ErrorBodySchema, 'The call id was erased (`call_erased`): it is never stored again'),
      422: jsonResponse(ErrorBodySchema, 'Malformed CallResult: details lists each bad path'),
    },
  }),
  async (c) => {
    const posted = c.req.valid('json');
    if (Date.parse(posted.ended_at) < Date.parse(posted.started_at)) {
      throw apiError(422, 'validation_failed', 'request is invalid', [{ path: 'json.ended_at', message: 'ended_at is before started_at' }]);
    }
    if (posted.recording_key && !posted.recording_key.endsWith(`/${posted.call_id}.ogg`)) {
      throw apiError(422, 'validation_failed', 'request is invalid', [{ path: 'json.recording_key', message: 'recording_key must name this call: …/{call_id}.ogg' }]);
    }
    const d = db(c.env.DB);
    const resolved = await resolveCallBot(d, posted.bot_id);
    if ('error' in resolved) {
      if (resolved.error === 'ambiguous') throw apiError(409, 'conflict', `slug "${posted.bot_id}" is used by several companies; use the bot id`);
      throw apiError(404, 'not_found', 'bot not found');
    }
    // A booking the bot's booking system does not hold is stored as what it is: a callback request.
    const result = { ...posted, ...(await provenOutcome(c.env.DB, resolved.bot.id, posted.call_id, posted.outcome, posted.fields)) };
    // The row is stored before anything is queued: a lost queue send can be repaired by posting again.
    const erasedHash = await sha256Hex(result.call_id);
    const erased = await d.select().from(schema.erasedCalls).where(eq(schema.erasedCalls.idHash, erasedHash)).get();
    if (erased) throw apiError(410, 'call_erased', `call "${result.call_id}" was erased and cannot be stored again`);
    const { created, row } = await storeCall(d, result, resolved.bot, c.env.CALLS);
    if (!created && row.companyId !== resolved.bot.companyId) {
      throw apiError(409, 'conflict', `call id "${result.call_id}" is already used`);
    }
    if (created || row.status === 'received') await c.env.POSTCALL_QUEUE.send({ callId: row.id });
    const body = { call_id: row.id, bot_id: row.botId, status: row.status, duplicate: !created };
    return created ? c.json(body, 202) : c.json(body, 200);
  },
);
