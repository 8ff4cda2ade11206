import { describe, expect, it } from 'vitest';
import { api, createCompany, createCompanyWithBot, scenarioText } from './support.ts';

const yaml = { 'content-type': 'application/yaml' };

/** The salon config with its tests: replaced by `tests` (YAML text of the list). */
function salonWithTests(tests: string): string {
  return scenarioText('salon-bot-1.yaml').replace(/\ntests:\n[\s\S]*$/, `\ntests:\n${tests}`);
}

describe('PUT /bots/{id}/config?dry_run=true: validate and run the config tests without saving', () => {
  it('runs the bundled tests of every example config in the Worker and reports each one passed', async () => {
    for (const file of ['salon-bot-1.yaml', 'dental-clinic.yaml', 'car-service.yaml']) {
      const { company, bot } = await createCompanyWithBot(file);
      const res = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: company.key, body: scenarioText(file), headers: yaml });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ dry_run: true, valid: true, saved: false, passed: true });
      expect(res.body.tests.length).toBeGreaterThanOrEqual(2);
      for (const t of res.body.tests) expect(t, `${file}: ${t.name}`).toMatchObject({ passed: true, failures: [] });
    }
  });

  it('says which conversation a change breaks, with the transcript, and keeps the old config', async () => {
    const { company, bot } = await createCompanyWithBot();
    const withTests = salonWithTests(
      [
        '  - name: "спрашивают свободное время"',
        '    now: "2026-11-25T10:00:00+03:00"',
        '    lines: ["а на завтра на маникюр свободно", "в три", "89161234567", "да"]',
        '    expect: { outcome: "booking_created", fields: { service: "маникюр", date: "завтра", time: "15:00" } }',
        '  - name: "ошибся номером"',
        '    lines: ["алло это такси"]',
        '    expect: { outcome: "wrong_number", says: ["ошиблись номером"] }',
      ].join('\n'),
    );
    const ok = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: company.key, body: withTests, headers: yaml });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.passed).toBe(true);

    // The owner trims the trigger words: "свободно" is no longer a request word and stays in the service name.
    const trimmed = withTests.replace('trigger_keywords: ["записаться", "запись", "свободно"]', 'trigger_keywords: ["запись"]');
    const res = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: company.key, body: trimmed, headers: yaml });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dry_run: true, saved: false, passed: false });
    const [first, second] = res.body.tests;
    expect(first).toMatchObject({
      name: 'спрашивают свободное время',
      passed: false,
      failures: ['field "service": expected "маникюр", got "маникюр свободно"'],
      outcome: 'booking_created',
    });
    expect(first.transcript[1]).toEqual({ role: 'caller', text: 'а на завтра на маникюр свободно' });
    expect(first.transcript.at(-3).text).toContain('Давайте проверим: маникюр свободно, завтра, 26 ноября, в 15:00');
    expect(second).toMatchObject({ name: 'ошибся номером', passed: true, outcome: 'wrong_number', ended_by: 'bot' });

    const after = await api('GET', `/bots/${bot.id}`, { key: company.key });
    expect(after.body.config_version).toBe(bot.config_version);
    expect(after.body.config.scenarios[0].trigger_keywords).toEqual(['записаться', 'запись', 'свободно']);
  });

  it('answers an invalid config with 422 path by path, as without dry_run, and a config without tests passes', async () => {
    const { company, bot } = await createCompanyWithBot();
    const bad = salonWithTests('  - name: "без строк"\n    lines: []\n    expect: {}\n').replace('sun: closed', 'sun: "21:00-09:00"');
    const res = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: company.key, body: bad, headers: yaml });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_config');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['business_hours.sun', 'tests.0.lines']));

    const none = scenarioText('salon-bot-1.yaml').replace(/\ntests:\n[\s\S]*$/, '\n');
    const ok = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: company.key, body: none, headers: yaml });
    expect(ok.body).toMatchObject({ dry_run: true, passed: true, tests: [] });
  });

  it("never runs another company's bot", async () => {
    const { bot } = await createCompanyWithBot();
    const stranger = await createCompany('Автосервис');
    const res = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: stranger.key, body: scenarioText('salon-bot-1.yaml'), headers: yaml });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
