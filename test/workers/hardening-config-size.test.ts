import { describe, expect, it } from 'vitest';
import { api, createCompanyWithBot, scenarioText } from './support.ts';

const yaml = { 'content-type': 'application/yaml' };

/**
 * The salon config with a list of `facts` (about `kb` KB) under an anchor, and that list aliased as the trigger
 * keywords of every scenario: under the 1 MB body limit as text, several MB once the aliases are expanded.
 */
function aliased(kb: number): string {
  const fact = `Мы работаем без выходных, адрес: улица Ленина, дом ${'один '.repeat(20)}`;
  const facts = Array.from({ length: Math.ceil((kb * 1024) / (fact.length * 2)) }, (_, i) => `"${fact}${i}"`).join(', ');
  return scenarioText('salon-bot-1.yaml')
    .replace(/^company:\n/m, `company:\n  facts: &facts [${facts}]\n`)
    .replace(/trigger_keywords: \[.*\]/g, 'trigger_keywords: *facts');
}

describe('hardening: a config is measured after its YAML aliases are expanded', { timeout: 60_000 }, () => {
  it('answers 413 naming the path in dry run and in PUT alike, and keeps the saved config', async () => {
    const { company, bot } = await createCompanyWithBot();
    const body = aliased(400);
    expect(new TextEncoder().encode(body).length).toBeLessThan(1024 * 1024);
    for (const query of ['?dry_run=true', '']) {
      const res = await api('PUT', `/bots/${bot.id}/config${query}`, { key: company.key, body, headers: yaml });
      expect(res.status, `${query}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(413);
      expect(res.body.error.code).toBe('config_too_large');
      expect(res.body.error.details).toEqual([{ path: expect.stringMatching(/^scenarios\.\d+\.trigger_keywords/), message: expect.stringContaining('aliases') }]);
    }
    const created = await api('POST', '/bots', { key: company.key, body: body.replace(/^bot_id: .*$/m, 'bot_id: "salon-aliased"'), headers: yaml });
    expect(created.status).toBe(413);
    const saved = await api('GET', `/bots/${bot.id}`, { key: company.key });
    expect(saved.body.config_version).toBe(bot.config_version);
  });

  it('still takes a config whose few aliases stay small', async () => {
    const { company, bot } = await createCompanyWithBot();
    const res = await api('PUT', `/bots/${bot.id}/config?dry_run=true`, { key: company.key, body: aliased(2), headers: yaml });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  });
});
