import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { PostCallProcessor } from '../../workers/postcall/process-call.ts';
import { callResult, message, receiverUrl, registerWebhook, runQueue, seedCall, stubNetwork, verifySignature, waitFor } from './postcall-support.ts';
import { api, createCompanyWithBot } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => {
  net.restore();
  vi.restoreAllMocks();
});

const QUEUE = 'voicebot-postcall';
const DLQ = 'voicebot-postcall-dlq';
const d = () => db(env.DB);
const callRow = (id: string) => d().select().from(schema.calls).where(eq(schema.calls.id, id)).get();
const deliveriesOf = async (key: string, hookId: string) => (await api('GET', `/webhooks/${hookId}/deliveries`, { key })).body.deliveries;

describe('post-call consumer: summary, outcome rows', () => {
  it('writes the deterministic Russian summary and one booking row', async () => {
    const { bot } = await createCompanyWithBot();
    const call = await seedCall(callResult(bot.id));
    const result = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-booking')]);
    expect(result.explicitAcks).toEqual(['m-booking']);
    const row = await callRow(call.id);
    expect(row?.status).toBe('processed');
    expect(row?.summary).toBe(
      'Итог: запись создана. Данные: услуга — маникюр; дата — 21 ноября 2026; время — 15:00; телефон — +79161234567. ' +
        'Запрос клиента: «Здравствуйте, хочу записаться на маникюр в пятницу». Звонок 1 мин 25 с, 7 реплик, завершил бот.',
    );
    expect(row?.extractedJson).toBeNull();
    const bookings = await d().select().from(schema.bookings).where(eq(schema.bookings.callId, call.id)).all();
    expect(bookings).toHaveLength(1);
    expect(await d().select().from(schema.leads).where(eq(schema.leads.callId, call.id)).all()).toEqual([]);
  });

  it('turns any other outcome into a lead, and a call without outcome into neither', async () => {
    const { company, bot } = await createCompanyWithBot('car-service.yaml');
    const lead = await seedCall(callResult(bot.id, {
      scenario: 'callback',
      outcome: 'callback_requested',
      fields: { name: 'Сергей' },
      turns: [
        { role: 'bot', text: 'Автосервис «Мотор», здравствуйте!', at: '2026-11-20T09:00:00Z' },
        { role: 'caller', text: 'Перезвоните мне, пожалуйста, по поводу замены масла', at: '2026-11-20T09:00:04Z' },
      ],
    }));
    const none = await seedCall(callResult(bot.id, { outcome: null, fields: {}, turns: [], scenario: null, ended_by: 'silence' }));
    await runQueue(QUEUE, [message({ callId: lead.id }), message({ callId: none.id })]);

    const leads = await d().select().from(schema.leads).where(eq(schema.leads.companyId, company.id)).all();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ callId: lead.id, outcome: 'callback_requested', name: 'Сергей', phone: '+79161234567', intent: 'callback', quality: null });
    expect(await d().select().from(schema.bookings).where(eq(schema.bookings.companyId, company.id)).all()).toEqual([]);
    expect((await callRow(lead.id))?.summary).toBe(
      'Итог: запрошен обратный звонок. Данные: имя — Сергей. Запрос клиента: «Перезвоните мне, пожалуйста, по поводу замены масла». Звонок 1 мин 25 с, 2 реплики, завершил бот.',
    );
    expect((await callRow(none.id))?.summary).toBe('Итог: без результата. Клиент ничего не сказал. Звонок 1 мин 25 с, 0 реплик, завершён из-за тишины.');
  });

  it('PostCallProcessor.process is the same work as the queue, and repeating it is harmless', async () => {
    const { bot } = await createCompanyWithBot();
    const call = await seedCall(callResult(bot.id, { outcome: 'booking_created' }));
    const processor = new PostCallProcessor(env);
    expect(await processor.process(call.id)).toEqual({ action: 'ack' });
    expect(await processor.process(call.id)).toEqual({ action: 'ack' });
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await processor.process('no-such-call')).toEqual({ action: 'ack' });
    expect(warned).toHaveBeenCalledWith(JSON.stringify({ msg: 'postcall job for unknown call', callId: 'no-such-call' }));
    expect((await callRow(call.id))?.status).toBe('processed');
    expect(await d().select().from(schema.bookings).where(eq(schema.bookings.callId, call.id)).all()).toHaveLength(1);
  });

  it('keeps a message whose body is not a job as a dead letter', async () => {
    const result = await runQueue(QUEUE, [{ id: 'm-garbage', timestamp: new Date(), attempts: 1, body: { nope: true } as never }]);
    expect(result.explicitAcks).toEqual(['m-garbage']);
    const dead = await d().select().from(schema.deadLetters).where(eq(schema.deadLetters.messageId, 'm-garbage')).all();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.error).toBe('malformed postcall job');
  });
});

describe('post-call consumer: webhook delivery', () => {
  it('retries a 500 with backoff, then delivers once; the same bytes, a fresh valid signature', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('flaky');
    let calls = 0;
    net.on(url, () => new Response(++calls === 1 ? 'boom' : 'ok', { status: calls === 1 ? 500 : 200 }));
    const hook = await registerWebhook(company.key, url);
    const call = await seedCall(callResult(bot.id));

    const first = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-flaky')]);
    expect(first.retryMessages).toEqual([{ msgId: 'm-flaky' }]);
    expect(first.retryDelays).toEqual({ 'm-flaky': 30 });
    let [delivery] = await deliveriesOf(company.key, hook.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500, last_error: 'HTTP 500' });
    expect(Date.parse(delivery.next_attempt_at) - Date.now()).toBeGreaterThan(5_000);

    const second = await runQueue(QUEUE, [message({ callId: call.id }, 2, 'm-flaky')]);
    expect(second.explicitAcks).toEqual(['m-flaky']);
    [delivery] = await deliveriesOf(company.key, hook.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200, next_attempt_at: null });
    expect(delivery.attempt_log.map((a: { status_code: number }) => a.status_code)).toEqual([500, 200]);

    const sent = net.to(url);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body).toBe(sent[1]!.body);
    expect(sent[0]!.headers.get('webhook-id')).toBe(sent[1]!.headers.get('webhook-id'));
    for (const s of sent) expect(await verifySignature(hook.secret, s.headers, s.body)).toBe(true);

    // A late copy of the message changes nothing.
    expect((await runQueue(QUEUE, [message({ callId: call.id }, 3, 'm-flaky')])).explicitAcks).toEqual(['m-flaky']);
    expect(net.to(url)).toHaveLength(2);
  });

  it('the same message twice — in a row or at once — gives one booking and one successful delivery', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('twice');
    net.on(url, async () => {
      await new Promise((r) => setTimeout(r, 30));
      return new Response('ok');
    });
    const hook = await registerWebhook(company.key, url);
    const call = await seedCall(callResult(bot.id));
    const copy = () => message({ callId: call.id }, 1, `m-twice`);

    await Promise.all([runQueue(QUEUE, [copy()]), runQueue(QUEUE, [copy()])]);
    await runQueue(QUEUE, [copy()]);

    expect(await d().select().from(schema.bookings).where(eq(schema.bookings.callId, call.id)).all()).toHaveLength(1);
    const deliveries = await deliveriesOf(company.key, hook.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].status).toBe('delivered');
    expect(deliveries[0].attempt_log.filter((a: { status_code: number }) => a.status_code === 200)).toHaveLength(1);
    expect(net.to(url)).toHaveLength(1);
  });

  it('a receiver that always fails: backoff doubles, the DLQ marks the delivery failed and keeps it; redeliver works', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('down');
    let up = false;
    net.on(url, () => new Response(up ? 'ok' : 'unavailable', { status: up ? 200 : 503 }));
    const hook = await registerWebhook(company.key, url);
    const call = await seedCall(callResult(bot.id));

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      const r = await runQueue(QUEUE, [message({ callId: call.id }, attempt, 'm-down')]);
      delays.push(r.retryDelays['m-down']!);
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960]);

    // wrangler.toml: max_retries = 5 → the queue moves the message to the DLQ.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const dlq = await runQueue(DLQ, [message({ callId: call.id }, 1, 'm-down')]);
    expect(dlq.explicitAcks).toEqual(['m-down']);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^\{"msg":"postcall job dead-lettered","messageId":"m-down","reason":"delivery \S+ failed after 6 attempts \(HTTP 503\)"\}$/));
    const [failed] = await deliveriesOf(company.key, hook.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 6, last_status_code: 503 });
    expect(failed.attempt_log).toHaveLength(6);
    const dead = await d().select().from(schema.deadLetters).where(eq(schema.deadLetters.messageId, 'm-down')).get();
    expect(dead).toMatchObject({ queue: DLQ, companyId: company.id });
    expect(dead?.error).toContain('failed after 6 attempts (HTTP 503)');
    expect((await callRow(call.id))?.status).toBe('processed');

    up = true;
    const redeliver = await api('POST', `/webhooks/${hook.id}/deliveries/${failed.id}/redeliver`, { key: company.key });
    expect(redeliver.status).toBe(202);
    expect(redeliver.body.status).toBe('pending');
    const delivered = await waitFor(async () => {
      const [dl] = await deliveriesOf(company.key, hook.id);
      return dl.status === 'delivered' ? dl : null;
    });
    expect(delivered.attempts).toBe(7);
    expect(delivered.attempt_log.at(-1)).toMatchObject({ attempt: 7, status_code: 200 });
    const last = net.to(url).at(-1)!;
    expect(await verifySignature(hook.secret, last.headers, last.body)).toBe(true);
  });

  it('re-checks the URL at send time: an address that is no longer allowed fails without a request', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('local-only');
    net.on(url, () => new Response('ok'));
    const hook = await registerWebhook(company.key, url); // allowed: the dev flag is on in wrangler.toml
    const call = await seedCall(callResult(bot.id));
    const result = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-ssrf')], { WEBHOOK_ALLOW_HTTP_LOCALHOST: 'false' });
    expect(result.explicitAcks).toEqual(['m-ssrf']);
    const [delivery] = await deliveriesOf(company.key, hook.id);
    expect(delivery.status).toBe('failed');
    expect(delivery.last_error).toMatch(/^url rejected: plain http/);
    expect(net.to(url)).toHaveLength(0);
  });

  it('sends to company-wide webhooks and to the call bot only; deleted webhooks get nothing', async () => {
    const { company, bot } = await createCompanyWithBot();
    const other = await api('POST', '/bots', { key: company.key, body: { config: { bot_id: 'second-line', voice_id: 'v', greeting: 'Алло', fallback: 'Повторите, пожалуйста', scenarios: [{ name: 'q' }] } } });
    expect(other.status).toBe(201);
    const urls = { all: receiverUrl('all'), mine: receiverUrl('mine'), theirs: receiverUrl('theirs'), gone: receiverUrl('gone') };
    for (const u of Object.values(urls)) net.on(u, () => new Response('ok'));
    await registerWebhook(company.key, urls.all);
    await registerWebhook(company.key, urls.mine, { bot_id: bot.id });
    await registerWebhook(company.key, urls.theirs, { bot_id: other.body.id });
    const gone = await registerWebhook(company.key, urls.gone);
    expect((await api('DELETE', `/webhooks/${gone.id}`, { key: company.key })).status).toBe(204);

    const call = await seedCall(callResult(bot.id));
    await runQueue(QUEUE, [message({ callId: call.id })]);
    expect([net.to(urls.all).length, net.to(urls.mine).length, net.to(urls.theirs).length, net.to(urls.gone).length]).toEqual([1, 1, 0, 0]);
  });
});
