import { createRoute, z } from '@hono/zod-openapi';
import { validateBotConfig } from '../../../core/config/index.ts';
import { createDialog, type DialogState } from '../../../core/engine/index.ts';
import { db } from '../../db/client.ts';
import { randomToken } from '../../lib/ids.ts';
import { TestCallRun, type TestCallMeta } from '../../panel/test-call.ts';
import { storeCall } from '../../postcall/intake.ts';
import { auth } from '../auth.ts';
import { readChatState, signChatState } from '../chat-state.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

const Body = z.strictObject({
  state: z.string().min(1).max(200_000).optional().describe('The `state` of the previous answer; absent to start a call'),
  text: z.string().max(1000).optional().describe("The caller's next line"),
  hang_up: z.boolean().optional().describe('End the call now and store it'),
});

const Answer = z.object({
  call_id: z.string(),
  reply: z.string(),
  said: z.array(z.object({ role: z.enum(['bot', 'caller']), text: z.string() })).describe('Lines of this request'),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  phase: z.string(),
  scenario: z.string().nullable(),
  outcome: z.string().nullable(),
  ended: z.boolean(),
  stored: z.boolean().describe('The call was stored (it ended): it is in GET /calls and goes through post-call processing'),
  state: z.string(),
});

/** The dialog state travels in the chat's signed token, with the call's id, start and turns beside it. */
type TokenState = DialogState & { testCall?: TestCallMeta };

/** `POST /bots/{id}/test-call`: the panel's test call — real bookings and knowledge, stored as a `web` call at the end. */
export const panelTestCall = createRouter();
panelTestCall.use('/:id/test-call', auth());

panelTestCall.openapi(
  createRoute({
    method: 'post', path: '/{id}/test-call', tags: ['panel'],
    summary: 'A test call in text: bookings go to the real calendar, the finished call is stored (channel `web`)',
    request: { params: z.object({ id: z.string().min(1) }), body: { required: true, content: { 'application/json': { schema: Body } } } },
    responses: { 200: jsonResponse(Answer, 'The bot answered'), ...errorResponses({ 401: 'Not signed in', 404: 'Bot not found', 409: 'The config changed', 422: 'Invalid body or state' }) },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const parsed = validateBotConfig(JSON.parse(bot.configJson));
    if (!parsed.ok) throw apiError(409, 'invalid_config', 'the stored bot config no longer validates; PUT a new one');
    let state: TokenState;
    let meta: TestCallMeta;
    if (body.state) {
      const { testCall, ...rest } = (await readChatState(c.env, body.state, bot.id, bot.configVersion)) as TokenState;
      if (!testCall) throw apiError(422, 'invalid_state', 'state is not a test call state', [{ path: 'body.state', message: 'not a test call' }]);
      state = rest;
      meta = testCall;
    } else {
      meta = { callId: `web_${Date.now().toString(36)}${randomToken(8)}`, startedAt: new Date().toISOString(), turns: [] };
      state = createDialog(parsed.config);
    }
    const run = new TestCallRun(c.env, bot, parsed.config, meta);
    if (!body.state) state = await run.turn(state, { type: 'start' });
    else if (body.text !== undefined) state = await run.say(state, body.text);
    const ended = state.phase === 'ended' || body.hang_up === true;
    if (ended && meta.turns.length > 0) {
      const { created, row } = await storeCall(db(c.env.DB), run.result(state), bot, c.env.CALLS);
      if (created || row.status === 'received') await c.env.POSTCALL_QUEUE.send({ callId: row.id });
    }
    const reply = run.said.findLast((l) => l.role === 'bot')?.text ?? '';
    return c.json({
      call_id: meta.callId, reply, said: run.said, fields: state.fields, phase: state.phase, scenario: state.scenario,
      outcome: state.outcome, ended, stored: ended && meta.turns.length > 0,
      state: await signChatState(c.env, bot.id, bot.configVersion, { ...state, testCall: meta } as DialogState),
    }, 200);
  },
);
