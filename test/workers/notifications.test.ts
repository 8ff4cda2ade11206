import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callbackCall, callResult, message, runQueue, seedCall, spokenTurns, stubNetwork } from './postcall-support.ts';
import { NOTIFY_ENV, notifyProviders } from './notify-support.ts';
import { api, createCompanyWithBot } from './support.ts';

const QUEUE = 'voicebot-postcall';
const OWNER_CHAT = 412345678;
let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const deliveries = async (key: string, query = '') => (await api('GET', `/notifications/deliveries${query}`, { key })).body.deliveries as any[];

async function companyWithNotifications(body: Record<string, unknown> = { telegram: { chat_id: String(OWNER_CHAT) }, sms: { sender: 'Elegant' } }) {
  const { company, bot } = await createCompanyWithBot();
  const put = await api('PUT', '/notifications', { key: company.key, body });
  expect(put.status).toBe(200);
  return { company, bot };
}


describe('notification settings API', { timeout: 30_000 }, () => {
  it('stores the owner chat and the sms sender with default events; null switches a channel off', async () => {
    const { company } = await createCompanyWithBot();
    expect((await api('GET', '/notifications', { key: company.key })).body).toEqual({ telegram: null, sms: null });

    const put = await api('PUT', '/notifications', { key: company.key, body: { telegram: { chat_id: '-1001234567890' }, sms: { sender: '+79161112233', events: ['booking.created'] } } });
    expect(put.body).toEqual({
      telegram: { chat_id: '-1001234567890', events: ['booking.created', 'booking.cancelled', 'booking.rescheduled', 'callback.requested'] },
      sms: { sender: '+79161112233', events: ['booking.created'] },
    });
    const off = await api('PUT', '/notifications', { key: company.key, body: { telegram: null, sms: null } });
    expect(off.body).toEqual({ telegram: null, sms: null });
  });

  it('refuses bad chat ids, landline senders, sms for callback requests and unknown fields with a 422 naming each path', async () => {
    const { company } = await createCompanyWithBot();
    const res = await api('PUT', '/notifications', {
      key: company.key,
      body: { telegram: { chat_id: 'мой чат', events: ['call.started'] }, sms: { sender: '+74951234567', events: ['callback.requested'] }, email: 'x' },
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['json.telegram.chat_id', 'json.telegram.events.0', 'json.sms.sender', 'json.sms.events.0']));
  });

  it("one company never sees another's notifications", async () => {
    const a = await companyWithNotifications();
    const b = await createCompanyWithBot();
    notifyProviders(net, [{ id: OWNER_CHAT, type: 'private', first_name: 'Ольга' }]);
    const call = await seedCall(callResult(a.bot.id));
    await runQueue(QUEUE, [message({ callId: call.id })], NOTIFY_ENV);
    expect(await deliveries(a.company.key)).toHaveLength(2);
    expect(await deliveries(b.company.key)).toEqual([]);
    expect((await api('GET', '/notifications', { key: b.company.key })).body).toEqual({ telegram: null, sms: null });
  });
});

describe('instant notifications from the post-call queue', { timeout: 30_000 }, () => {
  it('a booking call: the owner gets a Telegram message with the booking and a panel link, the customer an SMS', async () => {
    const { company, bot } = await companyWithNotifications();
    const p = notifyProviders(net, [{ id: OWNER_CHAT, type: 'private', first_name: 'Ольга' }]);
    const call = await seedCall(callResult(bot.id, { fields: { service: 'маникюр', date: '2026-11-21', time: '15:00', phone: '+79161234567', name: 'Анна' } }));

    const result = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-ntf-1')], NOTIFY_ENV);

    expect(result.explicitAcks).toEqual(['m-ntf-1']);
    expect(p.telegram.sent).toHaveLength(1);
    const tg = p.telegram.sent[0]!;
    expect(tg.chat_id).toBe(OWNER_CHAT);
    expect(tg.text).toBe(`Новая запись — Салон красоты Элегант\nМаникюр: сб, 21 ноября, 15:00\nКлиент: Анна, +79161234567\nhttp://127.0.0.1:8787/app/#/call/${call.id}`);
    expect(tg.link_preview_disabled).toBe(true);
    expect(p.sms.sent).toEqual([{ message_id: expect.any(String), number: 'Elegant', destination: '79161234567', text: 'Салон красоты Элегант: вы записаны: маникюр, сб, 21 ноября, 15:00.' }]);
    const rows = await deliveries(company.key, `?call_id=${call.id}`);
    expect(rows.map((r) => [r.channel, r.event, r.status, r.attempts])).toEqual(expect.arrayContaining([
      ['telegram', 'booking.created', 'delivered', 1],
      ['sms', 'booking.created', 'delivered', 1],
    ]));
    expect(rows.find((r) => r.channel === 'sms').provider_message_id).toBe(p.sms.sent[0]!.message_id);

    // A redelivered job sends nothing twice.
    await runQueue(QUEUE, [message({ callId: call.id }, 2)], NOTIFY_ENV);
    expect(p.telegram.sent).toHaveLength(1);
    expect(p.sms.sent).toHaveLength(1);
  });

  it('a callback request reaches the owner only, with the reason; nothing is sent for a wrong number', async () => {
    const { company, bot } = await companyWithNotifications();
    const p = notifyProviders(net, [{ id: OWNER_CHAT, type: 'private' }]);
    const callback = await seedCall(callbackCall(bot.id));
    const wrong = await seedCall(callResult(bot.id, { outcome: 'wrong_number', scenario: null, fields: {} }));

    await runQueue(QUEUE, [message({ callId: callback.id }), message({ callId: wrong.id })], NOTIFY_ENV);

    expect(p.telegram.sent.map((m) => m.text)).toEqual([
      `Просят перезвонить — Салон красоты Элегант\nВопрос: хочу узнать про окрашивание\nКлиент: Ирина, +79031112233\nhttp://127.0.0.1:8787/app/#/call/${callback.id}`,
    ]);
    expect(p.sms.sent).toEqual([]);
    expect(await deliveries(company.key, `?call_id=${wrong.id}`)).toEqual([]);
  });

  it('Telegram flood control: the job retries no sooner than retry_after, and the message goes once', async () => {
    const { company, bot } = await companyWithNotifications({ telegram: { chat_id: String(OWNER_CHAT) }, sms: null });
    const p = notifyProviders(net, [{ id: OWNER_CHAT, type: 'private' }]);
    p.telegram.floodWait(1, 120);
    const call = await seedCall(callResult(bot.id));

    const first = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-flood')], NOTIFY_ENV);
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(['m-flood']);
    expect(first.retryDelays['m-flood']).toBe(120);
    const [pending] = await deliveries(company.key, `?call_id=${call.id}`);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Telegram 429: Too Many Requests: retry after 120' });

    await runQueue(QUEUE, [message({ callId: call.id }, 2)], NOTIFY_ENV);
    expect(p.telegram.sent).toHaveLength(1);
    expect((await deliveries(company.key, `?call_id=${call.id}`))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('a blocked bot or a missing token fails at once (no retry); SMS is not sent for test calls from the simulator', async () => {
    const { company, bot } = await companyWithNotifications();
    const p = notifyProviders(net, [{ id: OWNER_CHAT, type: 'private', blocked: true }]);
    const call = await seedCall(callResult(bot.id, { channel: 'simulator' }));

    const result = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-blocked')], NOTIFY_ENV);

    expect(result.explicitAcks).toEqual(['m-blocked']);
    expect(await deliveries(company.key, `?call_id=${call.id}`)).toEqual([
      expect.objectContaining({ channel: 'telegram', status: 'failed', last_error: 'Telegram 403: Forbidden: bot was blocked by the user' }),
    ]);
    expect(p.sms.sent).toEqual([]);

    const other = await seedCall(callResult(bot.id));
    await runQueue(QUEUE, [message({ callId: other.id })], { ...NOTIFY_ENV, TELEGRAM_BOT_TOKEN: '' });
    const rows = await deliveries(company.key, `?call_id=${other.id}`);
    expect(rows.find((r) => r.channel === 'telegram')).toMatchObject({ status: 'failed', last_error: 'TELEGRAM_BOT_TOKEN is not set' });
    expect(rows.find((r) => r.channel === 'sms')).toMatchObject({ status: 'delivered' });
  });

  it('an SMS gateway that stays down: retries, then the dead-letter queue marks it failed and keeps a dead letter', async () => {
    const { company, bot } = await companyWithNotifications({ telegram: null, sms: { sender: 'Elegant' } });
    const p = notifyProviders(net, []);
    p.sms.failNext(5, 503);
    const call = await seedCall(callResult(bot.id));

    const first = await runQueue(QUEUE, [message({ callId: call.id }, 1, 'm-sms-down')], NOTIFY_ENV);
    expect(first.retryDelays['m-sms-down']).toBe(30);
    await runQueue('voicebot-postcall-dlq', [message({ callId: call.id }, 1, 'm-sms-dlq')], NOTIFY_ENV);

    const [row] = await deliveries(company.key, `?call_id=${call.id}`);
    expect(row).toMatchObject({ channel: 'sms', status: 'failed', last_error: 'Exolve 503: status 503' });
    const dead = await env.DB.prepare("SELECT error FROM dead_letters WHERE message_id = 'm-sms-dlq'").first<{ error: string }>();
    expect(dead?.error).toMatch(/sms notification ntf_\w+ failed after 1 attempts \(Exolve 503: status 503\)/);
  });
});
