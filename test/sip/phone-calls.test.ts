// Real phone calls: the project's softphone dials the real LiveKit SIP over UDP on 127.0.0.1, LiveKit puts
// the call in a room and dispatches the agent-host worker (agent-host/src/agent.ts) that answers with the
// bot; the CallResult goes through the Worker into D1. Speech recognition is SIMULATED (scripted recognizer
// behind the SpeechKit protocol), everything else is the real software. Timing figures are bench:sip's.
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallerScript } from '../../agent-host/src/audio/caller-script.ts';
import { parseBotConfigText } from '../../core/config/parse-config.ts';
import { runSipCaller } from '../../agent-host/src/sip/sip-caller.ts';
import { waitForStoredCall } from '../../agent-host/src/sip/stored-call.ts';
import { createBot, phoneMissing, SALON_NUMBER, script, stackPids, stackSockets, startPhoneWorld, type PhoneWorld } from './support/phone-world.ts';

const skip = phoneMissing.length > 0;
if (skip) console.warn(`[sip] phone call tests skipped: missing ${phoneMissing.join('; ')}`);

const MINUTES = 60_000;
const booking = parseCallerScript(readFileSync('scenarios/callers/booking-chunked-phone.yaml', 'utf8'));
const rms = (pcm: Int16Array) => Math.sqrt(pcm.reduce((a, s) => a + s * s, 0) / Math.max(1, pcm.length));

describe.skipIf(skip)(`phone calls over LiveKit SIP${skip ? ` (skipped, missing: ${phoneMissing.join('; ')})` : ''}`, () => {
  let world: PhoneWorld;
  let hooks: Server;
  const delivered: { call_id?: string }[] = [];

  beforeAll(async () => {
    world = await startPhoneWorld();
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        delivered.push((JSON.parse(body || '{}') as { data?: { call_id?: string } }).data ?? {});
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
    const res = await fetch(`${world.stack.api.url}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.stack.demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `http://127.0.0.1:${(hooks.address() as { port: number }).port}/hook`, events: ['call.completed'] }),
    });
    expect(res.status).toBe(201);
  }, 10 * MINUTES);

  afterAll(async () => {
    hooks?.close();
    await world?.close();
  }, 2 * MINUTES);

  it('books a manicure over the phone: booking_created, the stored call, its summary and webhook', async () => {
    const { rec, stored } = await world.call(SALON_NUMBER, world.salonId, booking);
    expect(stored, 'the call reached the API').not.toBeNull();
    expect(stored!).toMatchObject({ status: 'processed', outcome: 'booking_created', direction: 'inbound', channel: 'phone', ended_by: 'caller', called_number: SALON_NUMBER });
    expect(stored!.booking).toMatchObject({ outcome: 'booking_created', service: 'маникюр', time: '15:00', phone: '+79161234567' });
    expect(stored!.summary).toContain('маникюр');
    expect(stored!.transcript.filter((t) => t.role === 'caller').map((t) => t.text)).toContain('в три часа дня');
    // The caller heard the bot: a reply after every turn, and real audio on the right channel of call.wav.
    expect(rec.timeline.turns.every((t) => t.first_bot_audio_ms !== null)).toBe(true);
    expect(rms(rec.bot)).toBeGreaterThan(100);
    await expect.poll(() => delivered.some((d) => d.call_id === stored!.id), { timeout: MINUTES, interval: 500 }).toBe(true);
    // Nothing the stack runs talked to anything but 127.0.0.1.
    const sockets = stackSockets(stackPids(world.stack));
    expect(sockets.all.length, 'ss sees the stack').toBeGreaterThan(5);
    expect(sockets.outside).toEqual([]);
  }, 6 * MINUTES);

  it('the caller hangs up mid-sentence: exactly one CallResult, ended by the caller', async () => {
    const long = 'ну вот я хотела узнать а у вас есть свободное время на стрижку где-нибудь на следующей неделе после обеда';
    const caller = script(`
name: hang-up-mid-sentence
turns:
  - say: "${long}"
`);
    const { stored, from } = await world.call(SALON_NUMBER, world.salonId, caller, {
      onStart: ({ line, call }) => line.events.on('speechStart', (_at, text) => text === long && setTimeout(() => call.hangup(), 1_500)),
    });
    expect(stored).not.toBeNull();
    expect(stored!.ended_by).toBe('caller');
    await new Promise((r) => setTimeout(r, 5_000)); // a second result would have arrived by now
    const list = (await (await fetch(`${world.stack.api.url}/calls?bot_id=${world.salonId}&limit=100`, { headers: { authorization: `Bearer ${world.stack.demo.apiKey}` } })).json()) as { calls: { caller_number: string }[] };
    expect(list.calls.filter((c) => c.caller_number === from)).toHaveLength(1);
  }, 6 * MINUTES);

  it('outbound: POST /bots/{id}/calls rings the customer, the bot speaks first, the result says outbound', async () => {
    const to = '+79160000001';
    const ringing = world.nextIncoming({ ringMs: 1_500 });
    const res = await fetch(`${world.stack.api.url}/bots/${world.salonId}/calls`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.stack.demo.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    const call = await ringing;
    expect(call.dialed).toBe(to);
    await new Promise<void>((r) => (call.state === 'active' ? r() : void call.events.once('answered', () => r())));
    const rec = await runSipCaller(call, {
      script: script(`
name: outbound-answer
turns:
  - say: "да здравствуйте нет спасибо ничего не нужно до свидания"
`),
      recognizer: world.stack.recognizer,
    });
    const firstBot = rec.timeline.events.find((e) => e.type === 'bot_audio_start');
    const firstCaller = rec.timeline.events.find((e) => e.type === 'caller_speech_start');
    expect(firstBot, 'the bot spoke').toBeDefined();
    expect(firstBot!.t_ms).toBeLessThan(firstCaller?.t_ms ?? Number.POSITIVE_INFINITY);
    const stored = await waitForStoredCall(world.stack.api.url, world.stack.demo.apiKey, { botId: world.salonId, number: to }, 3 * MINUTES);
    expect(stored).not.toBeNull();
    expect(stored!).toMatchObject({ direction: 'outbound', channel: 'phone' });
  }, 6 * MINUTES);

  it('hands the caller to the administrator by SIP REFER; a refused transfer goes on as a callback request', async () => {
    const config = parseYaml(readFileSync('scenarios/salon-bot-1.yaml', 'utf8')) as Record<string, unknown>;
    config.bot_id = 'salon-transfer';
    config.handoff = { to: `sip:+74950000099@127.0.0.1:${world.carrier.port}`, phrase: 'Соединяю с администратором.' };
    const bot = await createBot(world, stringifyYaml(config));
    await world.stack.attachNumber(bot.id, '+74951230002');
    const asks = script(`
name: ask-for-admin
turns:
  - say: "здравствуйте соедините меня с администратором пожалуйста"
`);
    const admin = world.nextIncoming({ ringMs: 2_000 });
    const { rec, stored } = await world.call('+74951230002', bot.id, asks);
    expect((await admin).dialed).toBe('+74950000099');
    expect(rec.transfer).toMatchObject({ answered: true });
    expect(stored!.outcome).toBe('transferred');

    const refusing = world.nextIncoming({ ringMs: 1_000, refuse: 486 });
    const second = await world.call('+74951230002', bot.id, script(`
name: ask-for-admin-refused
turns:
  - say: "здравствуйте соедините меня с администратором пожалуйста"
  - say: "меня зовут анна"
  - say: "да на этот номер"
  - say: "хочу перенести запись"
  - say: "да все верно"
`));
    await refusing;
    expect(second.rec.transfer).toBeNull();
    expect(second.stored!.outcome, JSON.stringify(second.stored!.transcript)).toBe('callback_requested');
  }, 10 * MINUTES);

  it('barge-in: the caller talks over the read-back and the bot stops', async () => {
    const { rec, stored } = await world.call(SALON_NUMBER, world.salonId, parseCallerScript(readFileSync('scenarios/callers/barge-in.yaml', 'utf8')));
    const over = rec.timeline.turns.find((t) => t.over_reply)!;
    // How fast it stopped is measured by bench:sip; here: it did stop while the caller spoke.
    expect(over.bot_stop_ms, JSON.stringify(over)).not.toBeNull();
    expect(stored).not.toBeNull();
  }, 6 * MINUTES);

  it("two companies' bots take simultaneous calls, each with its own config and result", async () => {
    const car = readFileSync('scenarios/car-service.yaml', 'utf8');
    const carBot = await createBot(world, car, 'Автосервис на Лесной');
    await world.stack.attachNumber(carBot.id, '+74951230003', carBot.apiKey);
    const greeting = (file: string) => (parseBotConfigText(readFileSync(file, 'utf8')) as { ok: true; config: { greeting: string } }).config.greeting;
    const asks = script(`
name: opening-hours
turns:
  - say: "здравствуйте а вы в воскресенье работаете"
  - say: "понятно спасибо до свидания"
`);
    const [salon, service] = await Promise.all([
      world.call(SALON_NUMBER, world.salonId, asks),
      new Promise((r) => setTimeout(r, 3_000)).then(() => world.call('+74951230003', carBot.id, asks, { apiKey: carBot.apiKey })),
    ]);
    expect(salon.stored!.bot_id).toBe(world.salonId);
    expect(service.stored!.bot_id).toBe(carBot.id);
    expect(salon.stored!.transcript[0]!.text).toBe(greeting('scenarios/salon-bot-1.yaml'));
    expect(service.stored!.transcript[0]!.text).toBe(greeting('scenarios/car-service.yaml'));
  }, 8 * MINUTES);

  it('the Worker API goes down mid-call: the call goes on, its result is spooled and delivered once the API is back', async () => {
    let downAt = Number.POSITIVE_INFINITY;
    let sawSpooled = false;
    const caller = script(`
name: api-down
turns:
  - say: "здравствуйте хочу записаться на маникюр"
  - say: "в пятницу"
  - say: "спасибо я перезвоню до свидания"
`);
    const dialing = world.call(SALON_NUMBER, world.salonId, caller, {
      onStart: ({ clock, heard }) => heard.events.once('audioEnd', () => void world.stack.stopApi().then(() => (downAt = clock.nowMs()))),
    });
    const waitingForApi = (async () => {
      while (!Number.isFinite(downAt)) await new Promise((r) => setTimeout(r, 500));
      // The call ends and, with the API away, its result goes to the spool: the API comes back only then.
      const spool = join(world.stack.dir, 'spool');
      const spooled = () => (existsSync(spool) ? readdirSync(spool).filter((f) => f.endsWith('.json')) : []);
      for (const until = Date.now() + 4 * MINUTES; spooled().length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 500));
      sawSpooled = spooled().length > 0;
      await world.stack.startApi();
    })();
    const [{ rec, stored }] = await Promise.all([dialing, waitingForApi]);
    // The bot kept answering after the API went away.
    expect(rec.timeline.events.some((e) => e.type === 'bot_audio_start' && e.t_ms > downAt)).toBe(true);
    expect(sawSpooled, 'the result was spooled while the API was down').toBe(true);
    expect(stored, 'the spooled result arrived').not.toBeNull();
    await expect.poll(() => readdirSync(join(world.stack.dir, 'spool')).filter((f) => f.endsWith('.json')), { timeout: MINUTES }).toEqual([]);
  }, 8 * MINUTES);
});
