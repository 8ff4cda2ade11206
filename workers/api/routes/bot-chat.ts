import { createRoute, z } from '@hono/zod-openapi';
import { validateBotConfig, type BotConfig } from '../../../core/config/index.ts';
import type { BookingOp } from '../../../core/booking/index.ts';
import { createDialog, driveTurn, type DialogInput, type DialogState, type TurnServices } from '../../../core/engine/index.ts';
import { botBookingServices } from '../../booking/engine-services.ts';
import type { BookingBot } from '../../booking/select.ts';
import { extractiveAnswer } from '../../../core/knowledge/answer.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import type { AppEnv } from '../../env.ts';
import { KnowledgeService } from '../../knowledge/service.ts';
import { auth } from '../auth.ts';
import { readChatState, signChatState } from '../chat-state.ts';
import { apiError } from '../errors.ts';
import { errorResponses, jsonResponse } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { requireBot } from '../tenancy.ts';

const MAX_LINES = 60;
const Line = z.string().max(1000);

const ChatBody = z
  .strictObject({
    lines: z.array(Line).max(MAX_LINES).optional().describe('Every caller line so far, oldest first (stateless replay)'),
    state: z.string().min(1).max(64_000).optional().describe('The `state` token of the previous answer'),
    text: Line.optional().describe('The new caller line, with `state`'),
    caller: z.string().regex(/^\+\d{10,15}$/).optional().describe('Caller ID to test "записать на номер, с которого вы звоните?"'),
    now: z.iso.datetime({ offset: true }).optional().describe('"Now" for the conversation (relative dates); default the server clock'),
  })
  .refine((b) => !(b.lines && (b.state || b.text !== undefined)), { message: 'send either lines, or state and text', path: ['lines'] })
  .refine((b) => b.text === undefined || b.state !== undefined, { message: 'text needs the state of the previous answer', path: ['state'] });

const ChatAnswer = z.object({
  reply: z.string().describe("The bot's answer to the last line (the greeting when there is none)"),
  transcript: z.array(z.object({ role: z.enum(['bot', 'caller']), text: z.string() })).describe('What was said in this request'),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  phase: z.string(),
  scenario: z.string().nullable(),
  outcome: z.string().nullable(),
  ended: z.boolean(),
  ended_by: z.string().nullable(),
  transfer_to: z.string().nullable().describe('Set when the bot handed the call to a person'),
  state: z.string().describe('Opaque signed token: send it with the next `text`'),
});

/** `POST /bots/{id}/chat`: a text conversation with the bot for the panel, through the same engine as calls. */
export const botChat = createRouter();
botChat.use('/:id/chat', auth({ allow: ['company', 'service'] }));

botChat.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/chat',
    tags: ['bots'],
    summary: 'Text chat with the bot (stateless: caller lines so far, or a signed state token and the next line)',
    description:
      'Plays caller lines through the scenario engine exactly as in a call; knowledge questions are answered from ' +
      "the bot's documents. Nothing is stored: send `lines` each time, or the `state` of the previous answer with `text`.",
    request: { params: z.object({ id: z.string().min(1) }), body: { required: true, content: { 'application/json': { schema: ChatBody } } } },
    responses: {
      200: jsonResponse(ChatAnswer, 'The bot answered'),
      ...errorResponses({ 401: 'Missing or invalid key', 404: 'Bot not found', 409: 'The config changed since the state was issued', 422: 'Invalid body or state' }),
    },
  }),
  async (c) => {
    const bot = await requireBot(c, c.req.valid('param').id);
    const body = c.req.valid('json');
    const parsed = validateBotConfig(JSON.parse(bot.configJson));
    if (!parsed.ok) throw apiError(409, 'invalid_config', 'the stored bot config no longer validates; PUT a new one');
    const config = parsed.config;
    const now = body.now ? new Date(body.now) : new Date();
    const knowledge = new KnowledgeService(c.env);
    // The bot's real booking system, as in a call: a replayed chat books once (the key is the booking's own words).
    const booking = chatBooking(c.env, bot, config, now);
    const chat = new ChatRun(config, now, { knowledge: (q) => answerFromDocs(knowledge, bot.id, q), ...booking });
    let state: DialogState;
    if (body.state) {
      state = await readChatState(c.env, body.state, bot.id, bot.configVersion);
      if (body.text !== undefined) state = await chat.say(state, body.text);
    } else {
      state = await chat.start(createDialog(config, body.caller ? { callerNumber: body.caller } : {}));
      for (const line of body.lines ?? []) {
        if (state.phase === 'ended') break;
        state = await chat.say(state, line);
      }
    }
    const lastBot = chat.transcript.findLast((l) => l.role === 'bot');
    return c.json(
      {
        reply: lastBot?.text ?? '',
        transcript: chat.transcript,
        fields: state.fields,
        phase: state.phase,
        scenario: state.scenario,
        outcome: state.outcome,
        ended: state.phase === 'ended',
        ended_by: state.endedBy,
        transfer_to: chat.transferTo,
        state: await signChatState(c.env, bot.id, bot.configVersion, state),
      },
      200,
    );
  },
);

async function answerFromDocs(knowledge: KnowledgeService, botId: string, question: string): Promise<string | null> {
  const hits = await knowledge.search(botId, question, 3);
  return extractiveAnswer(question, hits.map((h) => h.text));
}

/** The bot's booking system for a chat (none without `booking:`); keys hash the booking so a replayed chat books once. */
function chatBooking(env: AppEnv['Bindings'], bot: BookingBot, config: BotConfig, now: Date): Pick<TurnServices, 'availability' | 'booking'> {
  const keyOf = async (op: BookingOp) => `chat:${bot.id}:${await sha256Hex(JSON.stringify({ ...op, idempotencyKey: null }))}`;
  return botBookingServices(env, bot, config, now, { write: true, keyOf }) ?? {};
}

/** Turns of one chat request; knowledge and booking requests are answered as in a call. */
class ChatRun {
  readonly transcript: { role: 'bot' | 'caller'; text: string }[] = [];
  transferTo: string | null = null;

  constructor(
    private readonly config: BotConfig,
    private readonly now: Date,
    private readonly services: TurnServices,
  ) {}

  start(state: DialogState): Promise<DialogState> {
    return this.turn(state, { type: 'start' });
  }

  say(state: DialogState, text: string): Promise<DialogState> {
    if (state.phase === 'ended') return Promise.resolve(state);
    this.transcript.push({ role: 'caller', text });
    return this.turn(state, text.trim() === '<silence>' ? { type: 'silence' } : { type: 'speech', text });
  }

  private async turn(state: DialogState, input: DialogInput): Promise<DialogState> {
    const turn = await driveTurn(this.config, state, input, { now: this.now }, this.services);
    if (turn.reply) this.transcript.push({ role: 'bot', text: turn.reply });
    if (turn.transferTo) this.transferTo = turn.transferTo;
    return turn.state;
  }
}
