import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import { onError } from '../../workers/api/errors.ts';
import { db, schema } from '../../workers/db/client.ts';
import type { AppEnv } from '../../workers/env.ts';
import { webhookBackoffSeconds } from '../../workers/postcall/process-call.ts';
import { ADMIN_KEY, api, createCompany } from './support.ts';

afterEach(() => vi.restoreAllMocks());

describe('hardening: logs and secrets', { timeout: 30_000 }, () => {
  it('logs a failing query without its bound parameters', async () => {
    const secret = 'whsec_c2VjcmV0LWtleS1vZi10aGUtc2Fsb24';
    const company = await createCompany();
    const app = new Hono<AppEnv>();
    app.onError(onError);
    app.post('/boom', async () => {
      // A real D1 failure through drizzle: the webhook id is taken, the row carries a secret.
      const row = { id: `wh_dup_${company.id}`, companyId: company.id, url: 'https://crm.example.ru/hook', secret, eventsJson: '[]' };
      await db(env.DB).insert(schema.webhooks).values(row).onConflictDoNothing();
      await db(env.DB).insert(schema.webhooks).values(row);
      return new Response('unreachable');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request('/boom', { method: 'POST' }, env);
    expect(res.status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0]![0]);
    const entry = JSON.parse(line) as { msg: string; error: string };
    expect(entry.msg).toBe('unhandled error');
    expect(entry.error).toMatch(/insert into "webhooks"/);
    expect(entry.error).toMatch(/UNIQUE constraint failed/);
    expect(line).not.toContain(secret);
    expect(line).not.toContain('crm.example.ru');
  });

  it('keeps api_keys.last_used_at, writing it at most once a minute per key', async () => {
    const company = await createCompany();
    const before = await api('GET', `/companies/${company.id}/api-keys`, { key: company.key });
    expect(before.body.api_keys[0].last_used_at).not.toBeNull();
    const first = before.body.api_keys[0].last_used_at as string;
    await api('GET', `/companies/${company.id}`, { key: company.key });
    const again = await api('GET', `/companies/${company.id}/api-keys`, { key: company.key });
    expect(again.body.api_keys[0].last_used_at).toBe(first);
    // A minute later the next use is recorded again.
    await env.DB.prepare('UPDATE api_keys SET last_used_at = last_used_at - 61000 WHERE company_id = ?').bind(company.id).run();
    const later = await api('GET', `/companies/${company.id}/api-keys`, { key: company.key });
    expect(Date.parse(later.body.api_keys[0].last_used_at)).toBeGreaterThan(Date.parse(first) - 61_000);
  });

  it('retries webhook deliveries for about a day with growing delays', () => {
    const postcall = wranglerToml.slice(wranglerToml.indexOf('queue = "voicebot-postcall"\nmax_batch_size'));
    const retries = Number(/max_retries = (\d+)/.exec(postcall)![1]);
    const delays = Array.from({ length: retries }, (_, i) => webhookBackoffSeconds(i + 1));
    const hours = delays.reduce((a, b) => a + b, 0) / 3600;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
    expect(delays.every((d, i) => d >= (delays[i - 1] ?? 0) && d <= 43_200)).toBe(true);
  });

  it('strips control and bidi-override characters from company, bot and key names', async () => {
    const created = await api('POST', '/companies', { key: ADMIN_KEY, body: { name: 'Салон\u202E «Элегант»\u0007' } });
    expect(created.body.company.name).toBe('Салон «Элегант»');
    const key = created.body.api_key.key as string;
    const bot = await api('POST', '/bots', { key, body: { name: 'Бот\u2066 ресепшн\u0000', config: (await import('./support.ts')).scenarioText('salon-bot-1.yaml') } });
    expect(bot.body.name).toBe('Бот ресепшн');
    const named = await api('POST', `/companies/${created.body.company.id}/api-keys`, { key, body: { name: '\u202Dcrm\u200F' } });
    expect(named.body.name).toBe('crm');
    const blank = await api('POST', '/companies', { key: ADMIN_KEY, body: { name: '\u202E\u0007' } });
    expect(blank.status).toBe(422);
  });
});
