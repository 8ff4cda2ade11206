import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { api, createCompanyWithBot, scenarioText } from './support.ts';

/** Company A owns a bot and a call; company B tries every endpoint on them. */
async function twoTenants() {
  const a = await createCompanyWithBot();
  const b = await createCompanyWithBot('car-service.yaml');
  const callId = `call-a-${a.bot.id}`;
  await db(env.DB).insert(schema.calls).values({
    id: callId, companyId: a.company.id, botId: a.bot.id, startedAt: Date.now(), endedAt: Date.now(), durationMs: 1,
    endedBy: 'caller', transcriptJson: '[{"role":"caller","text":"Меня зовут Анна, телефон 89161234567"}]',
  });
  const keys = await api('GET', `/companies/${a.company.id}/api-keys`, { key: a.company.key });
  return { a, b, callId, keyId: keys.body.api_keys[0].id as string };
}

describe('tenant isolation', () => {
  it("company B's key gets 404 (never data) on each of company A's objects", async () => {
    const { a, b, callId, keyId } = await twoTenants();
    const yaml = { 'content-type': 'application/yaml' };
    const attempts: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', `/companies/${a.company.id}`],
      ['GET', `/companies/${a.company.id}/bots`],
      ['GET', `/companies/${a.company.id}/api-keys`],
      ['POST', `/companies/${a.company.id}/api-keys`, {}],
      ['DELETE', `/companies/${a.company.id}/api-keys/${keyId}`],
      ['GET', `/bots/${a.bot.id}`],
      ['PUT', `/bots/${a.bot.id}/config`, scenarioText('salon-bot-1.yaml'), yaml],
      ['DELETE', `/bots/${a.bot.id}`],
      ['GET', `/calls/${callId}`],
    ];
    for (const [method, path, body, headers] of attempts) {
      const res = await api(method, path, { key: b.company.key, body, headers });
      expect.soft(res.status, `${method} ${path}`).toBe(404);
      expect.soft(JSON.stringify(res.body), `${method} ${path}`).not.toContain('Элегант');
    }
    const list = await api('GET', '/calls', { key: b.company.key });
    expect(list.body.calls).toEqual([]);
    const filtered = await api('GET', `/calls?bot_id=${a.bot.id}`, { key: b.company.key });
    expect(filtered.body.calls).toEqual([]);
    // A's objects are intact after B's attempts
    expect((await api('GET', `/bots/${a.bot.id}`, { key: a.company.key })).body.config_version).toBe(1);
    expect((await api('GET', `/companies/${a.company.id}/bots`, { key: a.company.key })).status).toBe(200);
  });

  it('missing, malformed, unknown and revoked keys → 401 on every company endpoint', async () => {
    const { a, callId, keyId } = await twoTenants();
    await api('POST', `/companies/${a.company.id}/api-keys`, { key: a.company.key });
    const fresh = await api('POST', `/companies/${a.company.id}/api-keys`, { key: a.company.key });
    await api('DELETE', `/companies/${a.company.id}/api-keys/${keyId}`, { key: fresh.body.key });
    const paths = [`/companies/${a.company.id}/bots`, `/bots/${a.bot.id}`, '/calls', `/calls/${callId}`];
    for (const path of paths) {
      const variants: Record<string, string>[] = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer vbk_nope' }, { authorization: `Bearer ${a.company.key}` }];
      for (const headers of variants) {
        const res = await api('GET', path, { headers });
        expect.soft(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect.soft(res.body.error.code).toBe('unauthorized');
      }
    }
  });

  it('the agent-host service token reads runtime configs but not company endpoints', async () => {
    const { a } = await twoTenants();
    const token = 'test-agent-token';
    const rt = await api('GET', `/internal/bots/${a.bot.id}/runtime`, { key: token });
    expect(rt.status).toBe(200);
    expect(rt.body.bot.config.greeting).toContain('Элегант');
    expect((await api('GET', `/internal/bots/${a.bot.id}/runtime`, { key: a.company.key })).status).toBe(401);
    expect((await api('GET', '/calls', { key: token })).status).toBe(401);
  });
});
