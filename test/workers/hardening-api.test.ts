import { describe, expect, it } from 'vitest';
import { api, createCompany, createCompanyWithBot, scenarioText } from './support.ts';

const yaml = { 'content-type': 'application/yaml' };
/** The config YAML with one more top-level line after `bot_id`. */
const withLine = (text: string, line: string) => text.replace(/^bot_id: .*$/m, `$&\n${line}`);

describe('hardening: configs are checked at the edge', { timeout: 30_000 }, () => {
  it('refuses a timezone that is not an IANA zone with 422 naming the path', async () => {
    const { company, bot } = await createCompanyWithBot();
    const mars = withLine(scenarioText('salon-bot-1.yaml'), 'timezone: Mars/Phobos');
    const put = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: mars, headers: yaml });
    expect(put.status).toBe(422);
    expect(put.body.error.details).toContainEqual({ path: 'timezone', message: expect.stringContaining('IANA') });

    const other = await createCompany();
    const post = await api('POST', '/bots', { key: other.key, body: mars, headers: yaml });
    expect(post.status).toBe(422);
    const ekb = withLine(scenarioText('salon-bot-1.yaml'), 'timezone: Asia/Yekaterinburg');
    expect((await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: ekb, headers: yaml })).body.config.timezone).toBe('Asia/Yekaterinburg');
  });

  it('refuses __proto__ and unknown keys in POST /bots as PUT does', async () => {
    const company = await createCompany();
    const config = (await api('POST', '/bots', { key: company.key, body: scenarioText('dental-clinic.yaml'), headers: yaml })).body.config;
    const other = await createCompany();
    const cases = [
      `{"__proto__": {"admin": true}, "config": ${JSON.stringify(config)}}`,
      `{"config": ${JSON.stringify(config).replace(/^\{/, '{"__proto__": {"admin": true}, ')}}`,
      JSON.stringify({ config, colour: 'синий' }),
      JSON.stringify({ config: { ...config, colour: 'синий' } }),
    ];
    for (const body of cases) {
      const res = await api('POST', '/bots', { key: other.key, body, headers: { 'content-type': 'application/json' } });
      expect(res.status, body.slice(0, 60)).toBe(422);
      expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await api('GET', `/companies/${other.id}/bots`, { key: other.key })).body.bots).toEqual([]);
  });
});

describe('hardening: concurrent writes', { timeout: 60_000 }, () => {
  it('concurrent POST /bots with one slug: one 201, the rest 409, no 500', async () => {
    const company = await createCompany();
    const body = scenarioText('car-service.yaml');
    const results = await Promise.all(Array.from({ length: 12 }, () => api('POST', '/bots', { key: company.key, body, headers: yaml })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('conflict');
  });

  it('concurrent config PUTs: every one gets its own version, none is lost', async () => {
    const { company, bot } = await createCompanyWithBot();
    const base = scenarioText('salon-bot-1.yaml');
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: base.replace('max_turns: 20', `max_turns: ${21 + i}`), headers: yaml })));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(results.map((r) => r.body.config_version).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    const final = await api('GET', `/bots/${bot.id}`, { key: company.key });
    expect(final.body.config_version).toBe(13);
    // The stored config is the one that got the last version.
    const last = results.find((r) => r.body.config_version === 13)!;
    expect(final.body.config.max_turns).toBe(last.body.config.max_turns);
  });

  it('If-Match with a stale version answers 412 and changes nothing', async () => {
    const { company, bot } = await createCompanyWithBot();
    const base = scenarioText('salon-bot-1.yaml');
    const ok = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: base, headers: { ...yaml, 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: base.replace('max_turns: 20', 'max_turns: 40'), headers: { ...yaml, 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'precondition_failed', details: { config_version: 2 } });
    expect((await api('GET', `/bots/${bot.id}`, { key: company.key })).body.config_version).toBe(2);
  });
});
