import { exolveSmsApi } from '../support/servers/exolve-sms-api.ts';
import { telegramBotApi, type TelegramChat } from '../support/servers/telegram-bot-api.ts';
import type { stubNetwork } from './postcall-support.ts';

export const TG_BASE = 'https://telegram.test';
export const EXOLVE_BASE = 'https://exolve-sms.test';
export const TG_TOKEN = '7000000001:AAHtestTokenForTheNotifyBot_0123456';
export const EXOLVE_KEY = 'exolve-app-key-sms';
/** Worker settings pointing both providers at the protocol functions behind the stubbed fetch. */
export const NOTIFY_ENV = { TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_API_BASE_URL: TG_BASE, EXOLVE_API_KEY: EXOLVE_KEY, EXOLVE_BASE_URL: EXOLVE_BASE };

/**
 * The Telegram Bot API and Exolve's SendSMS (the same protocol code the Node protocol servers run) answering the
 * Worker's outbound fetch in this isolate.
 */
export function notifyProviders(net: ReturnType<typeof stubNetwork>, chats: TelegramChat[]) {
  const telegram = telegramBotApi({ token: TG_TOKEN, chats });
  const sms = exolveSmsApi({ alphaNames: ['Elegant'] });
  net.on(TG_BASE, (r) => {
    const a = telegram.handle({ method: 'POST', path: new URL(r.url).pathname, contentType: r.headers.get('content-type'), body: r.body });
    return Response.json(a.body, { status: a.status });
  });
  net.on(EXOLVE_BASE, (r) => {
    if (new URL(r.url).pathname !== '/messaging/v1/SendSMS') return Response.json({ error: 'not found' }, { status: 404 });
    if (r.headers.get('authorization') !== `Bearer ${EXOLVE_KEY}`) return Response.json({ error: 'Unauthorized' }, { status: 401 });
    const a = sms.sendSms(JSON.parse(r.body) as Record<string, unknown>);
    return Response.json(a.body, { status: a.status });
  });
  return { telegram, sms };
}
