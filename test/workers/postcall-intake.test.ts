import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { callResult, receiverUrl, registerWebhook, stubNetwork, verifySignature, waitFor } from './postcall-support.ts';
import { api, createCompanyWithBot, scenarioText, SERVICE_TOKEN } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const intake = (body: unknown, key = SERVICE_TOKEN) => api('POST', '/internal/calls', { key, body });

describe('POST /internal/calls → queue → consumer → D1 → signed webhook', () => {
  it('stores the call, processes it on the queue and delivers a verifiable call.completed event', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('crm');
    net.on(url, () => new Response('ok', { status: 200 }));
    const hook = await registerWebhook(company.key, url);
    const result = callResult(bot.id);

    const res = await intake(result);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ call_id: result.call_id, bot_id: bot.id, status: 'received', duplicate: false });
    // The row is there as soon as intake answers, whatever the queue does later.
    const stored = await db(env.DB).select().from(schema.calls).where(eq(schema.calls.id, result.call_id!)).get();
    // Transcript and turn metrics are in R2 (the calls bucket), the row names the object.
    const doc = await (await env.CALLS.get(stored!.transcriptKey!))!.json<{ transcript: unknown[]; metrics: unknown[] }>();
    expect(JSON.stringify(doc.transcript)).toContain('хочу записаться на маникюр');
    expect(doc.metrics).toHaveLength(3);

    const [sent] = await waitFor(async () => (net.to(url).length ? net.to(url) : null));
    expect(sent!.headers.get('content-type')).toBe('application/json');
    expect(await verifySignature(hook.secret, sent!.headers, sent!.body)).toBe(true);
    expect(await verifySignature('whsec_d3Jvbmcgc2VjcmV0IGtleSBmb3IgdGVzdHM=', sent!.headers, sent!.body)).toBe(false);
    const event = JSON.parse(sent!.body);
    expect(sent!.headers.get('webhook-id')).toBe(event.id);
    expect(Math.abs(Number(sent!.headers.get('webhook-timestamp')) - Date.now() / 1000)).toBeLessThan(300);
    expect(event.type).toBe('call.completed');
    expect(event.data).toMatchObject({
      call_id: result.call_id,
      bot_id: bot.id,
      outcome: 'booking_created',
      fields: { service: 'маникюр', date: '2026-11-21', time: '15:00', phone: '+79161234567' },
      link: `${env.PUBLIC_BASE_URL}/calls/${result.call_id}`,
    });
    expect(event.data.summary).toContain('запись создана');

    const detail = await waitFor(async () => {
      const r = await api('GET', `/calls/${result.call_id}`, { key: company.key });
      return r.body.status === 'processed' ? r : null;
    });
    expect(detail.body.summary).toBe(event.data.summary);
    expect(detail.body.booking).toMatchObject({ outcome: 'booking_created', service: 'маникюр', date: '2026-11-21', time: '15:00' });
    expect(detail.body.lead).toBeNull();
    const booking = await db(env.DB).select().from(schema.bookings).where(eq(schema.bookings.callId, result.call_id!)).all();
    expect(booking).toHaveLength(1);
    expect(booking[0]).toMatchObject({ service: 'маникюр', date: '2026-11-21', time: '15:00', phone: '+79161234567', companyId: company.id });
    const listed = await api('GET', '/calls?outcome=booking_created', { key: company.key });
    expect(listed.body.calls.map((c: { id: string }) => c.id)).toContain(result.call_id);

    const deliveries = await waitFor(async () => {
      const r = await api('GET', `/webhooks/${hook.id}/deliveries`, { key: company.key });
      return r.body.deliveries[0]?.status === 'delivered' ? r.body.deliveries : null;
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ call_id: result.call_id, attempts: 1, last_status_code: 200 });
    expect(deliveries[0].attempt_log).toEqual([expect.objectContaining({ attempt: 1, status_code: 200, error: null })]);
  });

  it('posting the same call again answers 200 and does no work twice', async () => {
    const { company, bot } = await createCompanyWithBot();
    const url = receiverUrl('dup');
    net.on(url, () => new Response(null, { status: 204 }));
    const hook = await registerWebhook(company.key, url);
    const result = callResult(bot.id);
    expect((await intake(result)).status).toBe(202);
    await waitFor(async () => net.to(url).length > 0);
    const again = await intake(result);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ call_id: result.call_id, duplicate: true });
    await new Promise((r) => setTimeout(r, 1500)); // a second queue run, had one been queued, would have happened by now
    expect(net.to(url)).toHaveLength(1);
    const deliveries = await api('GET', `/webhooks/${hook.id}/deliveries`, { key: company.key });
    expect(deliveries.body.deliveries).toHaveLength(1);
  });

  it('accepts the bot slug; a slug used by two companies is ambiguous (409); an unknown bot is 404', async () => {
    const slug = `salon-${Date.now().toString(36)}`;
    const first = await companyWithBot('Салон Элегант', 'salon-bot-1.yaml', slug);
    const bySlug = await intake(callResult(slug, { fields: {}, outcome: null }));
    expect(bySlug.status).toBe(202);
    expect(bySlug.body.bot_id).toBe(first.botId);
    await companyWithBot('Салон Шарм', 'salon-bot-1.yaml', slug);
    const ambiguous = await intake(callResult(slug));
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body.error.code).toBe('conflict');
    expect((await intake(callResult(first.botId))).status).toBe(202);
    expect((await intake(callResult('bot_does_not_exist'))).status).toBe(404);
  });

  it('rejects a malformed CallResult with 422 and the path of each problem', async () => {
    const { bot } = await createCompanyWithBot();
    const bad = { ...callResult(bot.id), started_at: 'вчера', turns: [{ role: 'operator', text: 'Алло', at: '2026-11-20T09:00:00Z' }] };
    delete (bad as Record<string, unknown>).ended_by;
    const res = await intake(bad);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['json.started_at', 'json.turns.0.role', 'json.ended_by']));

    const backwards = await intake(callResult(bot.id, { started_at: '2026-11-20T10:00:00Z', ended_at: '2026-11-20T09:00:00Z' }));
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.details).toEqual([{ path: 'json.ended_at', message: expect.any(String) }]);
  });

  it('needs the service token: company keys and no token are refused', async () => {
    const { company, bot } = await createCompanyWithBot();
    expect((await intake(callResult(bot.id), company.key)).status).toBe(401);
    expect((await api('POST', '/internal/calls', { body: callResult(bot.id) })).status).toBe(401);
  });

  it('keeps a call id owned by another company untouched (409)', async () => {
    const a = await createCompanyWithBot();
    const b = await companyWithBot('Автосервис Мотор', 'car-service.yaml');
    const result = callResult(a.bot.id);
    expect((await intake(result)).status).toBe(202);
    const clash = await intake({ ...result, bot_id: b.botId });
    expect(clash.status).toBe(409);
  });
});

/** A company with one bot from `scenarios/<file>`, optionally under another slug. */
async function companyWithBot(name: string, file: string, slug?: string) {
  const res = await api('POST', '/companies', { key: 'test-admin-key', body: { name } });
  const key = res.body.api_key.key as string;
  const yaml = slug ? scenarioText(file).replace(/^bot_id: .*$/m, `bot_id: "${slug}"`) : scenarioText(file);
  const bot = await api('POST', '/bots', { key, body: yaml, headers: { 'content-type': 'application/yaml' } });
  if (bot.status !== 201) throw new Error(`bot: ${bot.status} ${JSON.stringify(bot.body)}`);
  return { key, botId: bot.body.id as string };
}
