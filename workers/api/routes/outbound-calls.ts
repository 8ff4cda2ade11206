import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import { onDoNotCallList } from '../../reminders/do-not-call.ts';
import { livekitAccess, WorkerLivekitSip } from '../../telephony/livekit-sip.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';
import { E164, telephonyApiError } from './phone-numbers.ts';

export const OutboundCallSchema = z.object({
  bot_id: z.string(),
  to: z.string(),
  from: z.string().nullable().describe("Caller id: the bot's first attached number, else the trunk's default"),
  room: z.string().describe('LiveKit room of the call; the agent is dispatched into it'),
  participant_identity: z.string().describe('SIP participant identity (hang up by removing it)'),
  sip_call_id: z.string(),
  dispatch_id: z.string(),
});

const CallBody = z.strictObject({
  to: E164.describe('Number to call, E.164'),
  dtmf: z.string().regex(/^[0-9*#w]{1,32}$/, 'digits 0-9, * and #; w pauses 0.5 s').optional()
    .describe('Keys to press once the call connects, e.g. an office IVR\'s extension: "ww102#"'),
});

/** `POST /bots/{id}/calls`: the bot calls a customer through the LiveKit SIP outbound trunk. */
export const outboundCalls = createRouter();

outboundCalls.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/calls',
    tags: ['telephony'],
    summary: 'Place an outbound call: a new LiveKit room with the agent dispatched, dialing `to` via LIVEKIT_SIP_OUTBOUND_TRUNK_ID',
    middleware: [auth()] as const,
    request: { params: z.object({ id: z.string().min(1) }), body: { required: true, content: { 'application/json': { schema: CallBody } } } },
    responses: {
      202: jsonResponse(OutboundCallSchema, 'Dialing (the callee has not answered yet)'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 409: 'The number is on the do-not-call list', 422: 'Not an E.164 number', 502: 'LiveKit failed', 503: 'Outbound calling is not configured' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const { to, dtmf } = c.req.valid('json');
    const env = c.env;
    if (await onDoNotCallList(db(env.DB), bot.companyId, to)) {
      throw apiError(409, 'do_not_call', 'the customer asked not to be called: the number is on the do-not-call list', { to });
    }
    const resolved = livekitAccess(env);
    const trunkId = env.LIVEKIT_SIP_OUTBOUND_TRUNK_ID?.trim();
    const missing = [...('missing' in resolved ? resolved.missing : []), ...(trunkId ? [] : ['LIVEKIT_SIP_OUTBOUND_TRUNK_ID'])];
    if (!('access' in resolved) || !trunkId) {
      throw apiError(503, 'telephony_not_configured', `outbound calls are not configured: set ${missing.join(', ')}`, { missing });
    }
    const first = await db(c.env.DB).select({ number: schema.phoneNumbers.number }).from(schema.phoneNumbers)
      .where(eq(schema.phoneNumbers.botId, bot.id)).orderBy(asc(schema.phoneNumbers.createdAt)).get();
    const call = await new WorkerLivekitSip(resolved.access)
      .dialOut({ to, botId: bot.id, outboundTrunkId: trunkId, ...(first ? { fromNumber: first.number } : {}), ...(dtmf ? { dtmf } : {}) })
      .catch(telephonyApiError);
    return c.json({
      bot_id: bot.id,
      to,
      from: first?.number ?? null,
      room: call.room,
      participant_identity: call.participantIdentity,
      sip_call_id: call.sipCallId,
      dispatch_id: call.dispatchId,
    }, 202);
  },
);
