import { describe, expect, it } from 'vitest';
import { api, createCompanyWithBot, scenarioText } from './support.ts';

const yaml = { 'content-type': 'application/yaml' };
const NOW = '2026-11-25T10:00:00+03:00';

/** The car service whose "car" field must match `pattern` (a YAML single-quoted scalar). */
const carWithPattern = (pattern: string) =>
  scenarioText('car-service.yaml').replace(
    '        prompt: "Какая у вас машина: марка и модель?"\n        type: text',
    `$&\n        pattern: '${pattern}'\n        pattern_prompt: "Назовите марку и год выпуска цифрами."`,
  );

describe('hardening: config patterns run in linear time', { timeout: 60_000 }, () => {
  // V8's backtracking RegExp took ~10 s for `([a-z]+)*[0-9]` against 31 letters (2^31 ways to split them);
  // every other company's requests on the isolate waited behind it.
  it('answers a chat line against classic catastrophic patterns at once and re-prompts', async () => {
    const { company, bot } = await createCompanyWithBot('car-service.yaml');
    const cases: [string, string][] = [
      ['([a-z]+)*[0-9]', 'a'.repeat(31)],
      ['(a+)+b', 'a'.repeat(31)],
      ['(a|aa)+b', 'a'.repeat(45)],
      ['(\\w+\\s?)*[0-9]', 'ab '.repeat(12)],
      ['(.*a){12}b', 'a'.repeat(40)],
    ];
    for (const [pattern, attack] of cases) {
      const put = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: carWithPattern(pattern), headers: yaml });
      expect(put.status, `${pattern}: ${JSON.stringify(put.body)}`).toBe(200);
      const started = Date.now();
      const res = await api('POST', `/bots/${bot.id}/chat`, {
        key: company.key,
        body: { now: NOW, lines: ['здравствуйте запишите на замену масла', attack] },
      });
      const ms = Date.now() - started;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.reply, pattern).toContain('Назовите марку и год выпуска цифрами');
      expect(res.body.fields.car, pattern).toBeUndefined();
      expect(ms, `${pattern} took ${ms} ms`).toBeLessThan(3_000);
    }
  });

  it('still accepts a value that matches, case-insensitively', async () => {
    const { company, bot } = await createCompanyWithBot('car-service.yaml');
    const put = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: carWithPattern('[а-яё ]+ [0-9]{4}'), headers: yaml });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const res = await api('POST', `/bots/${bot.id}/chat`, {
      key: company.key,
      body: { now: NOW, lines: ['здравствуйте запишите на замену масла', 'Лада Веста 2019'] },
    });
    expect(res.body.fields.car).toMatch(/веста 2019/i);
  });

  it('refuses look-around, back-references and over-long patterns with 422 naming the path, in dry run and PUT', async () => {
    const { company, bot } = await createCompanyWithBot('car-service.yaml');
    for (const pattern of ['(?=a)\\w+', '(a)\\1', 'a'.repeat(301)]) {
      for (const query of ['?dry_run=true', '']) {
        const res = await api('PUT', `/bots/${bot.id}/config${query}`, { key: company.key, body: carWithPattern(pattern), headers: yaml });
        expect(res.status, `${pattern.slice(0, 20)} ${query}`).toBe(422);
        expect(res.body.error.details).toContainEqual({ path: 'scenarios.0.collect_fields.0.pattern', message: expect.stringContaining('pattern') });
      }
    }
  });
});
