import { describe, expect, it } from 'vitest';
import { api, createCompany, createCompanyWithBot, scenarioText } from './support.ts';

const yaml = { 'content-type': 'application/yaml' };

describe('bots', () => {
  it('creates a bot from the seed YAML and lists it for the company', async () => {
    const company = await createCompany();
    const created = await api('POST', '/bots', { key: company.key, body: scenarioText('salon-bot-1.yaml'), headers: yaml });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'salon-bot-1', language: 'ru', config_version: 1, company_id: company.id });
    expect(created.body.config.greeting).toBe('Здравствуйте! Салон красоты Элегант. Чем могу помочь?');
    expect(created.body.config.timezone).toBe('Europe/Moscow');

    const listed = await api('GET', `/companies/${company.id}/bots`, { key: company.key });
    expect(listed.status).toBe(200);
    expect(listed.body.bots.map((b: { id: string }) => b.id)).toEqual([created.body.id]);
    expect((await api('GET', `/bots/${created.body.id}`, { key: company.key })).body.slug).toBe('salon-bot-1');
  });

  it('creates a bot from JSON with the config as an object or as YAML text', async () => {
    const company = await createCompany();
    const asText = await api('POST', '/bots', { key: company.key, body: { name: 'Улыбка', config: scenarioText('dental-clinic.yaml') } });
    expect(asText.status).toBe(201);
    expect(asText.body.name).toBe('Улыбка');
    const asObject = await api('POST', '/bots', { key: company.key, body: { config: { ...asText.body.config, bot_id: 'dental-2' } } });
    expect(asObject.status).toBe(201);
    expect(asObject.body.name).toBe('Стоматология «Улыбка»');
  });

  it('refuses a second bot with the same bot_id in one company (409), allows it in another', async () => {
    const { company } = await createCompanyWithBot('car-service.yaml');
    const again = await api('POST', '/bots', { key: company.key, body: scenarioText('car-service.yaml'), headers: yaml });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const other = await createCompany('Другой сервис');
    expect((await api('POST', '/bots', { key: other.key, body: scenarioText('car-service.yaml'), headers: yaml })).status).toBe(201);
  });

  it('PUT /bots/{id}/config accepts YAML and JSON and bumps the version', async () => {
    const { company, bot } = await createCompanyWithBot();
    const changed = scenarioText('salon-bot-1.yaml').replace('max_turns: 20', 'max_turns: 30');
    const v2 = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: changed, headers: yaml });
    expect(v2.status).toBe(200);
    expect(v2.body.config_version).toBe(2);
    expect(v2.body.config.max_turns).toBe(30);
    const v3 = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: { ...v2.body.config, greeting: 'Добрый день!' } });
    expect(v3.status).toBe(200);
    expect(v3.body.config_version).toBe(3);
    expect(v3.body.config.greeting).toBe('Добрый день!');
  });

  it('invalid YAML → 422 invalid_yaml with the line', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: 'bot_id: "salon-bot-1\ngreeting: [', headers: yaml });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_yaml');
    expect(res.body.error.details[0].path).toMatch(/^line \d+$/);
  });

  it('schema violations → 422 listing every bad path', async () => {
    const { company, bot } = await createCompanyWithBot();
    const bad = scenarioText('salon-bot-1.yaml')
      .replace('max_turns: 20', 'max_turns: "много"')
      .replace('- name: "date"\n        prompt: "На какой день?"', '- name: "date"\n        prompt: "На какой день?"\n        type: "weekday"')
      .replace('fallback:', 'fallbak:');
    const res = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: bad, headers: yaml });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_config');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['max_turns', 'scenarios.0.collect_fields.1.type', 'fallback', '(root)']));
    // nothing changed
    expect((await api('GET', `/bots/${bot.id}`, { key: company.key })).body.config_version).toBe(1);
  });

  it('an enum field without options is reported at its path', async () => {
    const company = await createCompany();
    const cfg = { bot_id: 'x-bot', voice_id: 'v', greeting: 'Привет', fallback: 'Не поняла', scenarios: [{ name: 'a', collect_fields: [{ name: 'kind', prompt: 'Какой?', type: 'enum' }] }] };
    const res = await api('POST', '/bots', { key: company.key, body: { config: cfg } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'config.scenarios.0.collect_fields.0.options', message: 'a field of type "enum" needs "options"' }]);
  });

  it('the config bot_id cannot change through PUT', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: scenarioText('salon-bot-1.yaml').replace('"salon-bot-1"', '"other"'), headers: yaml });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('bot_id');
  });

  it('unsupported content type → 415', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: '<xml/>', headers: { 'content-type': 'application/xml' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('a body over 1 MB → 413 before parsing', async () => {
    const { company, bot } = await createCompanyWithBot();
    const huge = scenarioText('salon-bot-1.yaml') + `\n# ${'я'.repeat(600_000)}\n`;
    const res = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: huge, headers: yaml });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('DELETE removes the bot from reads and lists; its slug can be reused', async () => {
    const { company, bot } = await createCompanyWithBot();
    expect((await api('DELETE', `/bots/${bot.id}`, { key: company.key })).status).toBe(204);
    expect((await api('GET', `/bots/${bot.id}`, { key: company.key })).status).toBe(404);
    expect((await api('GET', `/companies/${company.id}/bots`, { key: company.key })).body.bots).toEqual([]);
    expect((await api('POST', '/bots', { key: company.key, body: scenarioText('salon-bot-1.yaml'), headers: yaml })).status).toBe(201);
  });
});
