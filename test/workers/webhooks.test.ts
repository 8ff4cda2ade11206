import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../workers/postcall/url-safety.ts';
import { callResult, message, receiverUrl, registerWebhook, runQueue, seedCall, stubNetwork } from './postcall-support.ts';
import { api, createCompanyWithBot } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

/** Forbidden even with WEBHOOK_ALLOW_HTTP_LOCALHOST=true (as in local development; vitest.config.ts binds it for the tests). */
const ALWAYS_FORBIDDEN: [string, string][] = [
  ['http to a public host', 'http://crm.example.com/hook'],
  ['ftp scheme', 'ftp://crm.example.com/hook'],
  ['javascript scheme', 'javascript:alert(1)'],
  ['file scheme', 'file:///etc/passwd'],
  ['userinfo', 'https://user:pass@crm.example.com/hook'],
  ['userinfo without password', 'https://admin@crm.example.com/hook'],
  ['AWS/GCP metadata', 'https://169.254.169.254/latest/meta-data/'],
  ['link-local', 'https://169.254.10.20/hook'],
  ['private 10/8', 'https://10.0.0.5/hook'],
  ['private 172.16/12', 'https://172.20.1.1/hook'],
  ['private 192.168/16', 'https://192.168.1.10:8443/hook'],
  ['CGNAT 100.64/10', 'https://100.100.100.200/hook'],
  ['this network 0/8', 'https://0.0.0.0/hook'],
  ['private in octal', 'https://012.0.0.1/hook'],
  ['IPv6 unspecified', 'https://[::]/hook'],
  ['IPv6 unique-local', 'https://[fc00::1]/hook'],
  ['AWS IPv6 metadata', 'https://[fd00:ec2::254]/latest/meta-data/'],
  ['IPv6 link-local', 'https://[fe80::1]/hook'],
  ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
  ['IPv4-mapped metadata', 'https://[::ffff:169.254.169.254]/hook'],
  ['IPv4-mapped private (hex form)', 'https://[::ffff:a00:1]/hook'],
  ['NAT64 private', 'https://[64:ff9b::10.0.0.1]/hook'],
  ['multicast', 'https://224.0.0.1/hook'],
  ['broadcast', 'https://255.255.255.255/hook'],
  ['internal name', 'https://metadata.google.internal/computeMetadata/v1/'],
  ['single-label name', 'https://intranet/hook'],
  ['not a URL', 'crm.example.com/hook'],
];

describe('webhooks API', () => {
  it('creates a webhook with a server-side secret shown once; lists, gets and deletes it', async () => {
    const { company } = await createCompanyWithBot();
    const created = await api('POST', '/webhooks', { key: company.key, body: { url: 'https://crm.salon-elegant.ru/hooks/calls' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: 'https://crm.salon-elegant.ru/hooks/calls', bot_id: null, events: ['call.completed'], active: true });
    expect(created.body.secret).toMatch(/^whsec_[0-9A-Za-z+/]{43}=$/);

    const got = await api('GET', `/webhooks/${created.body.id}`, { key: company.key });
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('secret');
    const list = await api('GET', '/webhooks', { key: company.key });
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual([created.body.id]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    expect((await api('DELETE', `/webhooks/${created.body.id}`, { key: company.key })).status).toBe(204);
    expect((await api('GET', `/webhooks/${created.body.id}`, { key: company.key })).status).toBe(404);
    expect((await api('GET', '/webhooks', { key: company.key })).body.webhooks).toEqual([]);
  });

  it('scopes a webhook to one of the company bots; another company bot is not found', async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot('car-service.yaml');
    const scoped = await api('POST', '/webhooks', { key: a.company.key, body: { url: 'https://crm.example.com/in', bot_id: a.bot.id } });
    expect(scoped.status).toBe(201);
    expect(scoped.body.bot_id).toBe(a.bot.id);
    const foreign = await api('POST', '/webhooks', { key: a.company.key, body: { url: 'https://crm.example.com/in', bot_id: b.bot.id } });
    expect(foreign.status).toBe(404);
  });

  it('validates the body: unknown events and fields are 422', async () => {
    const { company } = await createCompanyWithBot();
    const badEvent = await api('POST', '/webhooks', { key: company.key, body: { url: 'https://crm.example.com/in', events: ['call.started'] } });
    expect(badEvent.status).toBe(422);
    expect(badEvent.body.error.details[0].path).toBe('json.events.0');
    const extra = await api('POST', '/webhooks', { key: company.key, body: { url: 'https://crm.example.com/in', secret: 'mine' } });
    expect(extra.status).toBe(422);
  });

  it.each(ALWAYS_FORBIDDEN)('refuses %s at registration (422)', async (_label, url) => {
    const { company } = await createCompanyWithBot();
    const res = await api('POST', '/webhooks', { key: company.key, body: { url } });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'json.url', message: expect.any(String) }]);
  });

  it.each([
    'https://crm.example.com/hooks/voicebot',
    'https://hooks.amocrm.ru:8443/in?token=abc',
    'https://8.8.8.8/hook',
    'https://[2a00:1450:4010:c0e::8a]/hook',
  ])('accepts the public URL %s', async (url) => {
    const { company } = await createCompanyWithBot();
    expect((await api('POST', '/webhooks', { key: company.key, body: { url } })).status).toBe(201);
  });
});

describe('webhooks in the OpenAPI document', () => {
  it('describes the webhook, analytics and intake routes', async () => {
    const doc = await api('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining([
      '/webhooks', '/webhooks/{id}', '/webhooks/{id}/deliveries', '/webhooks/{id}/deliveries/{deliveryId}/redeliver', '/analytics', '/internal/calls',
    ]));
  });
});

describe('webhook URL validator (dev flag off, as in production)', () => {
  const prod = { allowHttpLocalhost: false };
  const dev = { allowHttpLocalhost: true };
  it.each(ALWAYS_FORBIDDEN)('refuses %s', (_label, url) => {
    expect(checkWebhookUrl(url, prod).ok).toBe(false);
  });
  it.each([
    'http://localhost:3000/hook',
    'http://127.0.0.1:8080/hook',
    'http://[::1]:8080/hook',
    'https://localhost/hook',
    'https://app.localhost/hook',
    'https://127.0.0.1/hook',
    'https://2130706433/hook',
    'https://0x7f.0.0.1/hook',
  ])(
    'refuses %s without the flag, allows it with the flag',
    (url) => {
      expect(checkWebhookUrl(url, prod).ok).toBe(false);
      expect(checkWebhookUrl(url, dev).ok).toBe(true);
    },
  );
  it('keeps http to anything but loopback forbidden even with the flag', () => {
    expect(checkWebhookUrl('http://10.0.0.1/hook', dev)).toEqual({ ok: false, reason: 'plain http is not allowed; use https' });
    expect(checkWebhookUrl('http://crm.example.com/hook', dev).ok).toBe(false);
    expect(checkWebhookUrl('http://user:pw@localhost/hook', dev).ok).toBe(false);
  });
  it('names the reason', () => {
    const r = checkWebhookUrl('https://[fd00:ec2::254]/', prod);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('unique-local');
  });
});

describe('webhooks: tenant isolation', () => {
  it("company B cannot see, list, redeliver or delete company A's webhook and deliveries", async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot();
    const url = receiverUrl('tenant-a');
    net.on(url, () => new Response('nope', { status: 500 }));
    const hook = await registerWebhook(a.company.key, url);
    const call = await seedCall(callResult(a.bot.id));
    await runQueue('voicebot-postcall', [message({ callId: call.id })]);
    const deliveries = (await api('GET', `/webhooks/${hook.id}/deliveries`, { key: a.company.key })).body.deliveries;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].attempt_log[0].status_code).toBe(500);

    expect((await api('GET', `/webhooks/${hook.id}`, { key: b.company.key })).status).toBe(404);
    expect((await api('GET', `/webhooks/${hook.id}/deliveries`, { key: b.company.key })).status).toBe(404);
    expect((await api('POST', `/webhooks/${hook.id}/deliveries/${deliveries[0].id}/redeliver`, { key: b.company.key })).status).toBe(404);
    expect((await api('DELETE', `/webhooks/${hook.id}`, { key: b.company.key })).status).toBe(404);
    expect((await api('GET', '/webhooks', { key: b.company.key })).body.webhooks).toEqual([]);
    // A's own delivery id under B's webhook is not found either.
    const bHook = await registerWebhook(b.company.key, receiverUrl('tenant-b'));
    expect((await api('POST', `/webhooks/${bHook.id}/deliveries/${deliveries[0].id}/redeliver`, { key: b.company.key })).status).toBe(404);
    expect((await api('GET', '/webhooks')).status).toBe(401);
  });
});
