import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExolveSms } from '../../workers/notify/sms.ts';
import { sendTelegramMessage } from '../../workers/notify/telegram.ts';
import { startExolveServer, type ExolveServer } from '../support/servers/exolve-server.ts';
import { startTelegramServer, type TelegramServer } from '../support/servers/telegram-bot-server.ts';

const TOKEN = '7000000001:AAHnodeTestToken_abcdefghijklmnop';
const OWNER = 512345678;
let tg: TelegramServer;
let exolve: ExolveServer;

beforeAll(async () => {
  tg = await startTelegramServer({ token: TOKEN, chats: [{ id: OWNER, type: 'private', first_name: 'Ольга' }, { id: 99, type: 'private', blocked: true }] });
  exolve = await startExolveServer({ apiKey: 'exo-key', alphaNames: ['Elegant'] });
});
afterAll(async () => {
  await tg.close();
  await exolve.close();
});

const telegram = (token = TOKEN) => ({ token, baseUrl: tg.url });

describe('Telegram Bot API sendMessage over HTTP', () => {
  it('delivers a plain-text message to the chat and returns its message id', async () => {
    const sent = await sendTelegramMessage(telegram(), String(OWNER), 'Новая запись — Салон красоты Элегант\nМаникюр: сб, 21 ноября, 15:00');
    expect(sent).toMatchObject({ ok: true, error: null });
    expect(tg.api.sent.at(-1)).toEqual({ message_id: Number(sent.messageId), chat_id: OWNER, text: 'Новая запись — Салон красоты Элегант\nМаникюр: сб, 21 ноября, 15:00', link_preview_disabled: true });
  });

  it('tells retryable from permanent failures', async () => {
    tg.api.floodWait(1, 7);
    expect(await sendTelegramMessage(telegram(), String(OWNER), 'раз')).toMatchObject({ ok: false, permanent: false, retryAfterSeconds: 7 });
    tg.api.failNext(1, 502);
    expect(await sendTelegramMessage(telegram(), String(OWNER), 'два')).toMatchObject({ ok: false, permanent: false, error: 'Telegram 502: Internal Server Error' });
    expect(await sendTelegramMessage(telegram(), '99', 'три')).toMatchObject({ ok: false, permanent: true, error: 'Telegram 403: Forbidden: bot was blocked by the user' });
    expect(await sendTelegramMessage(telegram(), '123', 'четыре')).toMatchObject({ ok: false, permanent: true, error: 'Telegram 400: Bad Request: chat not found' });
    expect(await sendTelegramMessage(telegram('1:wrong'), String(OWNER), 'пять')).toMatchObject({ ok: false, permanent: true, error: 'Telegram 401: Unauthorized (check TELEGRAM_BOT_TOKEN)' });
  });

  it('a server that does not answer is a retryable network error', async () => {
    const gone = await startTelegramServer({ token: TOKEN });
    await gone.close();
    expect(await sendTelegramMessage({ token: TOKEN, baseUrl: gone.url }, String(OWNER), 'шесть')).toMatchObject({ ok: false, permanent: false, error: expect.stringMatching(/^network error/) });
  });
});

describe('Exolve SendSMS over HTTP', () => {
  const sms = (apiKey = 'exo-key') => new ExolveSms({ apiKey, baseUrl: exolve.url });

  it('sends from an alpha name or a mobile number, digits without the plus, with the bearer key', async () => {
    const a = await sms().send({ from: 'Elegant', to: '+79161234567', text: 'Салон красоты Элегант: вы записаны: маникюр, сб, 21 ноября, 15:00.' });
    const b = await sms().send({ from: '+7 916 000-11-22', to: '+79161234567', text: 'запись перенесена' });
    expect(a).toMatchObject({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    expect(b.ok).toBe(true);
    expect(exolve.sms.sent.slice(-2).map((s) => [s.number, s.destination])).toEqual([['Elegant', '79161234567'], ['79160001122', '79161234567']]);
    expect(exolve.requests.at(-1)).toMatchObject({ path: '/messaging/v1/SendSMS', authorization: 'Bearer exo-key', contentType: 'application/json' });
  });

  it('a landline sender or a wrong key fails for good; 503 is worth another try', async () => {
    expect(await sms().send({ from: '+74951234567', to: '+79161234567', text: 'x' })).toMatchObject({ ok: false, permanent: true, error: 'Exolve 400: sender is not allowed for the application' });
    expect(await sms('nope').send({ from: 'Elegant', to: '+79161234567', text: 'x' })).toMatchObject({ ok: false, permanent: true, error: expect.stringContaining('check EXOLVE_API_KEY') });
    exolve.failNext(503);
    expect(await sms().send({ from: 'Elegant', to: '+79161234567', text: 'x' })).toMatchObject({ ok: false, permanent: false });
  });
});
