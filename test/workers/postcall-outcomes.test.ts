import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallResultInput } from '../../core/call-result.ts';
import { db, schema } from '../../workers/db/client.ts';
import { callResult, postCall, receiverUrl, registerWebhook, secondsAfter, spokenTurns, stubNetwork, verifySignature, waitFor } from './postcall-support.ts';
import { api, createCompanyWithBot } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const d = () => db(env.DB);
type Line = [role: 'bot' | 'caller', text: string];
/** Lines five seconds apart. */
const turns = (lines: Line[], start?: string) => spokenTurns(lines.map(([role, text], i) => [i * 5, role, text]), start);

/** A call the engine ended with `outcome`, posted by the agent-host to POST /internal/calls and processed by the real queue consumer. */
async function postOutcome(botId: string, outcome: string | null, lines: Line[], extra: Partial<CallResultInput> = {}) {
  const row = await postCall(callResult(botId, { scenario: null, fields: {}, outcome, turns: turns(lines), ...extra }));
  const booking = await d().select().from(schema.bookings).where(eq(schema.bookings.callId, row.id)).get();
  const lead = await d().select().from(schema.leads).where(eq(schema.leads.callId, row.id)).get();
  return { row, booking: booking ?? null, lead: lead ?? null };
}

const GREETING: Line = ['bot', 'Здравствуйте! Салон красоты Элегант. Чем могу помочь?'];

describe('post-call: a booking moved by phone', () => {
  it('«Итог: запись перенесена на …» with the new time, a booking row at the new time, and a signed webhook', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('crm-moves');
    net.on(url, () => new Response('ok'));
    const hook = await registerWebhook(company.key, url);

    const { row, booking, lead } = await postOutcome(bot.id, 'booking_rescheduled', [
      GREETING,
      ['caller', 'здравствуйте мне нужно перенести запись'],
      ['bot', 'Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. На какой день и время перенести?'],
      ['caller', 'ну эээ на пятницу на шесть вечера'],
      ['bot', 'Готово, перенесла: маникюр, в пятницу, 27 ноября, в 18:00, мастер Ольга. Могу ещё чем-нибудь помочь?'],
      ['caller', 'нет спасибо'],
    ]);

    expect(row.summary).toBe(
      'Итог: запись перенесена на 27 ноября 2026, 18:00 (маникюр, мастер Ольга). ' +
        'Запрос клиента: «здравствуйте мне нужно перенести запись». Звонок 1 мин 25 с, 6 реплик, завершил бот.',
    );
    expect(booking).toMatchObject({ outcome: 'booking_rescheduled', service: 'маникюр', date: '2026-11-27', time: '18:00', phone: '+79161234567' });
    expect(lead).toBeNull();

    const [sent] = await waitFor(async () => (net.to(url).length ? net.to(url) : null));
    expect(await verifySignature(hook.secret, sent!.headers, sent!.body)).toBe(true);
    const event = JSON.parse(sent!.body);
    expect(event.data).toMatchObject({ call_id: row.id, outcome: 'booking_rescheduled', summary: row.summary, fields: {} });
  });

  it('a move into the new year gets next year’s date', async () => {
    const { bot } = await createCompanyWithBot();
    const start = '2026-12-28T12:00:00Z';
    const lines: Line[] = [
      GREETING,
      ['caller', 'алло короче хочу перенести свою запись на после праздников'],
      ['bot', 'Нашла запись: женская стрижка, во вторник, 29 декабря, в 12:00. На какой день и время перенести?'],
      ['caller', 'на пятое января в одиннадцать'],
      ['bot', 'Готово, перенесла: женская стрижка, 5 января, в 11:00. Могу ещё чем-нибудь помочь?'],
    ];
    const { row, booking } = await postOutcome(bot.id, 'booking_rescheduled', lines, { started_at: start, ended_at: secondsAfter(start)(60), turns: turns(lines, start) });
    expect(row.summary).toMatch(/^Итог: запись перенесена на 5 января 2027, 11:00 \(женская стрижка\)\. /);
    expect(booking).toMatchObject({ outcome: 'booking_rescheduled', service: 'женская стрижка', date: '2027-01-05', time: '11:00' });
  });
});

describe('post-call: a booking cancelled by phone', () => {
  it('«Итог: запись отменена: …» naming the cancelled booking; the row keeps its old date and time', async () => {
    const { bot } = await createCompanyWithBot();
    const { row, booking, lead } = await postOutcome(bot.id, 'booking_cancelled', [
      GREETING,
      ['caller', 'алло я хочу отменить запись'],
      ['bot', 'Назовите, пожалуйста, номер телефона, на который вы записаны.'],
      ['caller', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь'],
      ['bot', 'Нашла запись: маникюр, в субботу, 28 ноября, в 15:00, мастер Ольга. Отменить её?'],
      ['caller', 'да отменяйте'],
      ['bot', 'Запись отменена. Могу ещё чем-нибудь помочь?'],
    ], { ended_by: 'caller' });

    expect(row.summary).toBe(
      'Итог: запись отменена: маникюр, 28 ноября 2026, 15:00, мастер Ольга. ' +
        'Запрос клиента: «алло я хочу отменить запись». Звонок 1 мин 25 с, 7 реплик, завершил клиент.',
    );
    expect(booking).toMatchObject({ outcome: 'booking_cancelled', service: 'маникюр', date: '2026-11-28', time: '15:00' });
    expect(lead).toBeNull();
  });

  it('without the bot’s confirmation in the transcript the summary still says the booking was cancelled', async () => {
    const { bot } = await createCompanyWithBot();
    const { row, booking } = await postOutcome(bot.id, 'booking_cancelled', [GREETING, ['caller', 'ну я не смогу прийти отмените']]);
    expect(row.summary).toMatch(/^Итог: запись отменена\. Запрос клиента: «ну я не смогу прийти отмените»\./);
    expect(booking).toMatchObject({ outcome: 'booking_cancelled', service: null, date: null, time: null, phone: '+79161234567' });
  });
});

describe('post-call: the receptionist’s own outcomes', () => {
  it('callback requested: Russian wording, a lead with the name and number the caller gave', async () => {
    const { bot } = await createCompanyWithBot();
    const { row, booking, lead } = await postOutcome(bot.id, 'callback_requested', [
      GREETING,
      ['caller', 'эээ мне бы с администратором поговорить про сертификат'],
      ['bot', 'Администратор сейчас занят. Оставьте, пожалуйста, имя и номер, вам перезвонят.'],
      ['caller', 'марина восемь девятьсот шестнадцать семьсот семьдесят семь шестьдесят шесть пятьдесят пять'],
    ], { scenario: 'callback', fields: { name: 'Марина', phone: '+79167776655', reason: 'сертификат' } });

    expect(row.summary).toBe(
      'Итог: запрошен обратный звонок. Данные: телефон — +79167776655; имя — Марина; причина — сертификат. ' +
        'Запрос клиента: «эээ мне бы с администратором поговорить про сертификат». Звонок 1 мин 25 с, 4 реплики, завершил бот.',
    );
    expect(booking).toBeNull();
    expect(lead).toMatchObject({ outcome: 'callback_requested', name: 'Марина', phone: '+79167776655' });
  });

  it('transferred: «звонок переведён на сотрудника» and a lead for the call', async () => {
    const { bot } = await createCompanyWithBot();
    const { row, lead } = await postOutcome(bot.id, 'transferred', [
      GREETING,
      ['caller', 'девушка соедините с живым человеком'],
      ['bot', 'Соединяю с администратором, оставайтесь, пожалуйста, на линии.'],
    ], { ended_by: 'transfer' });
    expect(row.summary).toMatch(/^Итог: звонок переведён на сотрудника\. Запрос клиента: «девушка соедините с живым человеком»\. .*переведён на сотрудника\.$/);
    expect(lead).toMatchObject({ outcome: 'transferred', phone: '+79161234567' });
  });

  it('wrong number and no intent: worded in Russian, no rows, webhook still sent, not counted as conversions', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('crm-misc');
    net.on(url, () => new Response('ok'));
    await registerWebhook(company.key, url);

    const wrong = await postOutcome(bot.id, 'wrong_number', [GREETING, ['caller', 'алло это пиццерия']]);
    const none = await postOutcome(bot.id, 'no_intent', [GREETING, ['caller', 'ну это самое'], ['bot', 'Подскажите, чем могу помочь?'], ['caller', 'ну короче ладно']]);
    const booked = await postOutcome(bot.id, 'booking_created', [GREETING, ['caller', 'хочу записаться на маникюр в пятницу в три']]);

    expect(wrong.row.summary).toMatch(/^Итог: звонящий ошибся номером\. Запрос клиента: «алло это пиццерия»\./);
    expect(none.row.summary).toMatch(/^Итог: клиент не сказал, что ему нужно\. /);
    for (const r of [wrong, none]) expect([r.booking, r.lead]).toEqual([null, null]);
    expect(booked.booking).not.toBeNull();

    const events = await waitFor(async () => (net.to(url).length === 3 ? net.to(url).map((s) => JSON.parse(s.body)) : null));
    expect(events.map((e) => e.data.outcome).sort()).toEqual(['booking_created', 'no_intent', 'wrong_number']);

    const stats = await api('GET', `/analytics?bot_id=${bot.id}&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z`, { key: company.key });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ calls: 3, completed: 1, conversion_rate: 0.3333, outcomes: { booking_created: 1, wrong_number: 1, no_intent: 1 } });
  });
});
