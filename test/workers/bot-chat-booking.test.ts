import { describe, expect, it } from 'vitest';
import { afterSat, SAT, salonWithCalendar } from './booking-support.ts';
import { api, scenarioText } from './support.ts';

// The Tuesday before SAT, 10:00 in Moscow: "в субботу" is SAT.
const NOW = `${afterSat(-4)}T10:00:00+03:00`;
const yaml = { 'content-type': 'application/yaml' };
const PHONE = 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь';
const BOOKING = '\nbooking:\n  provider: builtin\n';

/** The salon with its calendar and `booking:` on; `extra` is appended to the config (e.g. tests:). */
async function bookingSalon(extra = '') {
  const salon = await salonWithCalendar();
  const config = scenarioText('salon-bot-1.yaml').replace(/\ntests:\n[\s\S]*$/, '') + BOOKING + extra;
  const put = await api('PUT', `/bots/${salon.bot.id}/config`, { key: salon.key, body: config, headers: yaml });
  if (put.status !== 200) throw new Error(`config: ${put.status} ${JSON.stringify(put.body)}`);
  return { ...salon, config };
}

const chat = (key: string, botId: string, body: unknown) => api('POST', `/bots/${botId}/chat`, { key, body });
const appointments = async (key: string, botId: string) => (await api('GET', `/bots/${botId}/appointments?from=${SAT}&to=${SAT}&status=confirmed`, { key })).body.appointments as { time: string; phone: string | null }[];

describe('POST /bots/{id}/chat with booking: the bot\'s own booking system, never a silent reply', () => {
  it('checks the calendar, books on "да" and a replay of the same lines books nothing twice', async () => {
    const { bot, key } = await bookingSalon();
    const lines = ['здравствуйте запишите меня на маникюр в субботу в три', PHONE, 'да всё верно'];
    const first = await chat(key, bot.id, { now: NOW, lines: lines.slice(0, 1) });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.reply).toBe('Оставьте номер для подтверждения');
    const done = await chat(key, bot.id, { now: NOW, lines });
    expect(done.body).toMatchObject({ reply: 'Готово, вы записаны. Могу ещё чем-нибудь помочь?', outcome: 'booking_created', fields: { time: '15:00', booking_id: expect.any(String) } });
    await chat(key, bot.id, { now: NOW, lines });
    expect(await appointments(key, bot.id)).toEqual([expect.objectContaining({ time: '15:00', phone: '+79161234567' })]);
  });

  it('a taken time is answered with the calendar\'s nearest free times', async () => {
    const { bot, key } = await bookingSalon();
    for (const staff of ['Ольга', 'Марина']) await api('POST', `/bots/${bot.id}/appointments`, { key, body: { service: 'маникюр', date: SAT, time: '15:00', staff } });
    const res = await chat(key, bot.id, { now: NOW, lines: ['мне бы на маникюр в субботу в три'] });
    expect(res.body.reply).toMatch(/^В 15:00 занято, могу предложить \d\d:\d\d или \d\d:\d\d\. Какое время удобно\?$/);
  });

  it('a booking system that cannot answer (YCLIENTS without its secrets): the owner sees a callback request, not a booking', async () => {
    const { bot, key, config } = await bookingSalon();
    const put = await api('PUT', `/bots/${bot.id}/config`, { key, body: config.replace(BOOKING, '\nbooking:\n  provider: yclients\n  yclients: { company_id: 4564 }\n'), headers: yaml });
    expect(put.status).toBe(200);
    const res = await chat(key, bot.id, { now: NOW, caller: '+79161234567', lines: ['запишите на маникюр в субботу в три', 'да', 'да'] });
    expect(res.body.reply).toContain('администратор перезвонит');
    expect(res.body.outcome).toBe('callback_requested');
    expect(res.body.transcript.filter((l: { role: string; text: string }) => l.role === 'bot' && !l.text)).toEqual([]);
  });
});

describe('PUT …/config?dry_run=true with booking:', () => {
  it('tests without stated availability read the real calendar and book nothing; stated availability is used as given', async () => {
    const tests = `tests:
  - name: "по календарю"
    now: "${NOW}"
    caller: "+79161234567"
    lines: ["запишите на маникюр в субботу в три", "да", "да"]
    expect: { outcome: "booking_created", fields: { time: "15:00" }, says: ["вы записаны"] }
  - name: "по заявленной доступности"
    now: "${NOW}"
    caller: "+79161234567"
    availability: { free: ["12:00"] }
    lines: ["запишите на маникюр в субботу в три"]
    expect: { says: ["могу предложить 12:00"] }
`;
    const { bot, key, config } = await bookingSalon();
    const res = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key, body: `${config}${tests}`, headers: yaml });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tests.map((t: { passed: boolean; failures: string[] }) => t.failures)).toEqual([[], []]);
    expect(res.body.passed).toBe(true);
    expect(await appointments(key, bot.id)).toEqual([]);
  });
});
