import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq } from 'drizzle-orm';
import { db, schema } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { newId } from '../../lib/ids.ts';
import { deleteForwarding, ExolveCallError, exolveForwarding, forwardToLivekit, sipHostOf } from '../../telephony/exolve.ts';
import { LivekitCallError, livekitAccess, WorkerLivekitSip } from '../../telephony/livekit-sip.ts';
import { auth } from '../auth.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { iso, requireBot } from '../tenancy.ts';

type PhoneNumberRow = typeof schema.phoneNumbers.$inferSelect;

/** E.164: `+`, country code, subscriber number; 8–15 digits in all. */
export const E164 = z.string().regex(/^\+[1-9]\d{7,14}$/, 'E.164 number with a leading +, e.g. +74951234567');
export const TELEPHONY_PROVIDERS = ['livekit', 'exolve', 'twilio'] as const;

export const PhoneNumberSchema = z.object({
  id: z.string(),
  bot_id: z.string(),
  number: z.string(),
  provider: z.enum(TELEPHONY_PROVIDERS),
  livekit_trunk_id: z.string().nullable(),
  livekit_dispatch_rule_id: z.string().nullable(),
  provisioned: z.boolean().describe('LiveKit inbound trunk and dispatch rule exist for this number'),
  inbound_sip_uri: z.string().nullable().describe('Where the carrier must send calls to this number (needs LIVEKIT_SIP_URI)'),
  created_at: z.string(),
});

const toPhoneNumber = (r: PhoneNumberRow, env: Env) => ({
  id: r.id,
  bot_id: r.botId,
  number: r.number,
  provider: r.provider,
  livekit_trunk_id: r.livekitTrunkId,
  livekit_dispatch_rule_id: r.livekitDispatchRuleId,
  provisioned: r.livekitTrunkId !== null && r.livekitDispatchRuleId !== null,
  inbound_sip_uri: env.LIVEKIT_SIP_URI?.trim() ? `sip:${r.number}@${sipHostOf(env.LIVEKIT_SIP_URI)}` : null,
  created_at: iso(r.createdAt)!,
});

const AttachBody = z.strictObject({
  number: E164,
  provider: z.enum(TELEPHONY_PROVIDERS).describe('Who carries the number: LiveKit phone numbers, MTS Exolve or Twilio (SIP trunk to the LiveKit SIP URI)'),
});
const BotParams = z.object({ id: z.string().min(1) });
const NumberParams = BotParams.extend({ numberId: z.string().min(1) });
const companyAuth = auth();

/** A LiveKit/Exolve failure as an API error: bad credentials/grants are our config (503), the rest a bad gateway (502). */
export function telephonyApiError(e: unknown): never {
  if (!(e instanceof LivekitCallError) && !(e instanceof ExolveCallError)) throw e;
  if (e.status === 401 || e.status === 403) throw apiError(503, 'telephony_misconfigured', e.message);
  if (e instanceof ExolveCallError) throw apiError(502, 'exolve_error', e.message, { status: e.status });
  throw apiError(502, 'livekit_error', e.message, { status: e.status, code: e.code });
}

/**
 * Detach a number: stop the carrier's forwarding (Exolve), delete its LiveKit dispatch rule and trunk, then the
 * row. Throws an API error (502/503) and keeps the row when the carrier or LiveKit side cannot be removed.
 */
export async function releasePhoneNumber(env: Env, row: PhoneNumberRow): Promise<void> {
  const onLivekit = row.livekitTrunkId !== null || row.livekitDispatchRuleId !== null;
  const resolved = livekitAccess(env);
  if (onLivekit && 'missing' in resolved) {
    throw apiError(503, 'telephony_not_configured', `cannot delete the LiveKit trunk/rule of ${row.number}: set ${resolved.missing.join(', ')}`);
  }
  // Stop the carrier's traffic first, then remove the LiveKit side it was sent to.
  const exolve = row.provider === 'exolve' ? exolveForwarding(env) : null;
  if (exolve) await deleteForwarding(exolve, row.number).catch(telephonyApiError);
  if (onLivekit && 'access' in resolved) {
    await new WorkerLivekitSip(resolved.access).releaseNumber(row.livekitTrunkId, row.livekitDispatchRuleId).catch(telephonyApiError);
  }
  await db(env.DB).delete(schema.phoneNumbers).where(eq(schema.phoneNumbers.id, row.id));
}

/** Release every number of a bot (used when the bot is deleted); stops at the first that cannot be released. */
export async function releaseBotNumbers(env: Env, botId: string): Promise<number> {
  const rows = await db(env.DB).select().from(schema.phoneNumbers).where(eq(schema.phoneNumbers.botId, botId)).all();
  for (const row of rows) await releasePhoneNumber(env, row);
  return rows.length;
}

/** `/bots/{id}/phone-numbers`: attach a number to a bot (and provision its LiveKit SIP trunk + dispatch rule). */
export const phoneNumbers = createRouter();

phoneNumbers.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/phone-numbers',
    tags: ['telephony'],
    summary: 'Attach a phone number to a bot; with LIVEKIT_* configured, provisions its LiveKit inbound trunk and dispatch rule',
    description:
      'With LIVEKIT_URL/LIVEKIT_API_KEY/LIVEKIT_API_SECRET bound, creates an inbound SIP trunk for the number and an individual-room ' +
      'dispatch rule that dispatches the agent (AGENT_NAME) with `{ "bot_id" }` metadata. For `exolve` numbers with EXOLVE_API_KEY and ' +
      'LIVEKIT_SIP_URI bound, also sets the number\'s Exolve call forwarding to the LiveKit SIP URI. Twilio numbers: point the Elastic SIP ' +
      'trunk origination (or TwiML <Dial><Sip>) at `inbound_sip_uri`.',
    middleware: [companyAuth] as const,
    request: { params: BotParams, body: { required: true, content: { 'application/json': { schema: AttachBody } } } },
    responses: {
      201: jsonResponse(PhoneNumberSchema, 'Attached (provisioned: false when LiveKit is not configured)'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 409: 'Number already attached', 422: 'Not an E.164 number', 502: 'LiveKit or Exolve failed', 503: 'LiveKit or Exolve rejected our credentials' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const { number, provider } = c.req.valid('json');
    const d = db(c.env.DB);
    const taken = await d.select({ number: schema.phoneNumbers, liveBot: schema.bots.id, botDeletedAt: schema.bots.deletedAt }).from(schema.phoneNumbers)
      .leftJoin(schema.bots, eq(schema.bots.id, schema.phoneNumbers.botId))
      .where(eq(schema.phoneNumbers.number, number)).get();
    // A number left behind by a bot deleted before deletes released numbers is free again.
    if (taken && (taken.liveBot === null || taken.botDeletedAt !== null)) await releasePhoneNumber(c.env, taken.number);
    // Another company's number is reported without its owner.
    else if (taken) {
      throw apiError(409, 'conflict', `${number} is already attached to a bot`, taken.number.companyId === bot.companyId ? { bot_id: taken.number.botId } : undefined);
    }

    const env = c.env;
    const resolved = livekitAccess(env);
    const sip = 'access' in resolved ? new WorkerLivekitSip(resolved.access) : null;
    const exolve = provider === 'exolve' ? exolveForwarding(env) : null;
    const ids = sip ? await sip.provisionNumber(number, bot.id, bot.companyId).catch(telephonyApiError) : null;
    const undo = async () => {
      if (ids && sip) await sip.releaseNumber(ids.trunkId, ids.dispatchRuleId).catch(() => undefined);
    };
    if (exolve) {
      await forwardToLivekit(exolve, number).catch(async (e: unknown) => {
        await undo();
        return telephonyApiError(e);
      });
    }
    try {
      const row = await d.insert(schema.phoneNumbers).values({
        id: newId('pn'),
        companyId: bot.companyId,
        botId: bot.id,
        number,
        provider,
        livekitTrunkId: ids?.trunkId ?? null,
        livekitDispatchRuleId: ids?.dispatchRuleId ?? null,
      }).returning().get();
      return c.json(toPhoneNumber(row, env), 201);
    } catch (e) {
      await undo();
      if (exolve) await deleteForwarding(exolve, number).catch(() => undefined);
      if (isUniqueViolation(e)) throw apiError(409, 'conflict', `${number} is already attached to a bot`);
      throw e;
    }
  },
);

phoneNumbers.openapi(
  createRoute({
    method: 'get',
    path: '/{id}/phone-numbers',
    tags: ['telephony'],
    summary: "The bot's phone numbers",
    middleware: [companyAuth] as const,
    request: { params: BotParams },
    responses: {
      200: jsonResponse(z.object({ phone_numbers: z.array(PhoneNumberSchema) }), 'Numbers, oldest first'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const rows = await db(c.env.DB).select().from(schema.phoneNumbers)
      .where(eq(schema.phoneNumbers.botId, bot.id)).orderBy(asc(schema.phoneNumbers.createdAt), asc(schema.phoneNumbers.id)).all();
    return c.json({ phone_numbers: rows.map((r) => toPhoneNumber(r, c.env)) }, 200);
  },
);

phoneNumbers.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}/phone-numbers/{numberId}',
    tags: ['telephony'],
    summary: 'Detach a number; deletes its LiveKit dispatch rule and inbound trunk (and its Exolve forwarding)',
    middleware: [companyAuth] as const,
    request: { params: NumberParams },
    responses: {
      204: { description: 'Detached' },
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot or number not found', 502: 'LiveKit or Exolve failed', 503: 'LiveKit objects exist but LiveKit is not configured, or credentials rejected' }),
    },
  }),
  async (c) => {
    const { id, numberId } = c.req.valid('param');
    const bot = await requireBot(c, id);
    const d = db(c.env.DB);
    const row = await d.select().from(schema.phoneNumbers)
      .where(and(eq(schema.phoneNumbers.id, numberId), eq(schema.phoneNumbers.botId, bot.id))).get();
    if (!row) throw apiError(404, 'not_found', 'phone number not found');
    await releasePhoneNumber(c.env, row);
    return c.body(null, 204);
  },
);
