import { describe, expect, it } from 'vitest';
import { api, createCompany, createCompanyWithBot } from './support.ts';
import { uploadAndIndex } from './knowledge-helpers.ts';

// Wednesday 25 November 2026, 10:00 in Moscow: "завтра" is the 26th, "в пятницу" the 27th.
const NOW = '2026-11-25T10:00:00+03:00';
const chat = (key: string, botId: string, body: unknown) => api('POST', `/bots/${botId}/chat`, { key, body });

describe('POST /bots/{id}/chat: the panel talks to the bot in text', () => {
  it('replays the caller lines so far and answers the last one with fields and phase', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await chat(company.key, bot.id, { now: NOW, lines: ['здравствуйте запишите меня на маникюр в пятницу', 'ну в одиннадцать'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      reply: 'Оставьте номер для подтверждения',
      fields: { service: 'маникюр', date: '2026-11-27', time: '11:00' },
      phase: 'collecting',
      scenario: 'booking',
      ended: false,
      outcome: null,
    });
    expect(res.body.transcript.map((l: { role: string }) => l.role)).toEqual(['bot', 'caller', 'bot', 'caller', 'bot']);
    expect(typeof res.body.state).toBe('string');
  });

  it('continues from the signed state one line at a time, up to the booking', async () => {
    const { company, bot } = await createCompanyWithBot();
    const first = await chat(company.key, bot.id, { now: NOW, caller: '+79161234567', lines: ['хочу на стрижку завтра в три'] });
    expect(first.body.reply).toBe('Записать на номер, с которого вы звоните, +7 916 123-45-67?');
    const second = await chat(company.key, bot.id, { now: NOW, state: first.body.state, text: 'да давайте' });
    expect(second.body.reply).toContain('Давайте проверим: стрижка, завтра, 26 ноября, в 15:00, телефон +7 916 123-45-67');
    expect(second.body.transcript).toEqual([{ role: 'caller', text: 'да давайте' }, { role: 'bot', text: second.body.reply }]);
    const third = await chat(company.key, bot.id, { now: NOW, state: second.body.state, text: 'да всё верно' });
    expect(third.body).toMatchObject({ outcome: 'booking_created', phase: 'wrapping_up' });
    const bye = await chat(company.key, bot.id, { now: NOW, state: third.body.state, text: 'нет спасибо до свидания' });
    expect(bye.body).toMatchObject({ ended: true, ended_by: 'caller', outcome: 'booking_created' });
  });

  it("answers a question from the bot's documents and goes back to the form", async () => {
    const { company, bot } = await createCompanyWithBot();
    const prices = 'Прайс салона.\nМаникюр с покрытием гель-лак стоит 1500 рублей. Педикюр стоит 2000 рублей.\nПарковка во дворе бесплатная.';
    await uploadAndIndex(company.key, bot.id, 'прайс.txt', prices, 'text/plain');
    const res = await chat(company.key, bot.id, { now: NOW, lines: ['запишите на маникюр', 'а сколько стоит маникюр с покрытием'] });
    expect(res.body.reply).toBe('Маникюр с покрытием гель-лак стоит 1500 рублей. Итак, на какой день?');
    expect(res.body.fields).toEqual({ service: 'маникюр' });
  });

  it('hands the caller to a person and says where (transfer_to)', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await chat(company.key, bot.id, { now: NOW, lines: ['девушка соедините с администратором'] });
    expect(res.body).toMatchObject({ ended: true, ended_by: 'transfer', outcome: 'transferred', transfer_to: '+74951234567' });
  });

  it('rejects a forged state, a state of another bot, text without state, and other tenants', async () => {
    const { company, bot } = await createCompanyWithBot();
    const other = await createCompanyWithBot('car-service.yaml');
    const start = await chat(company.key, bot.id, { now: NOW, lines: [] });
    expect(start.body.reply).toContain('Салон красоты Элегант');
    const [payload, sig] = (start.body.state as string).split('.');
    const forged = `${payload!.slice(0, -4)}AAAA.${sig}`;
    const bad = await chat(company.key, bot.id, { state: forged, text: 'да' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid_state');
    const otherState = await chat(other.company.key, other.bot.id, { lines: [] });
    const wrongBot = await chat(company.key, bot.id, { state: otherState.body.state, text: 'да' });
    expect(wrongBot.status).toBe(422);
    const noState = await chat(company.key, bot.id, { text: 'да' });
    expect(noState.status).toBe(422);
    expect(noState.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'json.state' })]));
    const stranger = await createCompany('Чужая компания');
    const hidden = await chat(stranger.key, bot.id, { lines: ['алло'] });
    expect(hidden.status).toBe(404);
    const anonymous = await api('POST', `/bots/${bot.id}/chat`, { body: { lines: [] } });
    expect(anonymous.status).toBe(401);
  });

  it('asks to start again once the config changed (409 state_expired)', async () => {
    const { company, bot } = await createCompanyWithBot();
    const start = await chat(company.key, bot.id, { lines: ['хочу записаться'] });
    const cfg = await api('GET', `/bots/${bot.id}`, { key: company.key });
    const changed = { ...cfg.body.config, greeting: 'Салон Элегант, добрый день!' };
    expect((await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: changed })).status).toBe(200);
    const res = await chat(company.key, bot.id, { state: start.body.state, text: 'на маникюр' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('state_expired');
  });
});
