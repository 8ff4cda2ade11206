import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amocrmApi, type AmoApi } from '../support/servers/amocrm-api.ts';
import { bitrix24Api } from '../support/servers/bitrix24-api.ts';
import { callbackCall as callbackCallResult, message, runQueue, seedCall, stubNetwork } from './postcall-support.ts';
import { api, createCompanyWithBot } from './support.ts';

const QUEUE = 'voicebot-postcall';
const DLQ = 'voicebot-postcall-dlq';
const AMO = 'https://elegant.amocrm.test';
const APP = { clientId: 'b7d0c5e2-amo-client', clientSecret: 'amo-secret-Xq9', redirectUri: 'https://panel.example.ru/oauth/amocrm', code: 'def50200-auth-code' };
const BITRIX = 'https://elegant.bitrix24.test';
const HOOK = `${BITRIX}/rest/7/k3yw3bh00k0123/`;

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

function amo(): AmoApi {
  const a = amocrmApi(APP);
  net.on(AMO, (r) => {
    const out = a.handle({ method: methodOf(r), url: r.url, headers: r.headers, body: r.body });
    return new Response(out.body === null ? null : JSON.stringify(out.body), { status: out.status, headers: { 'content-type': 'application/json', ...out.headers } });
  });
  return a;
}
// stubNetwork keeps url, headers and body; the method is told by the body and the path (GET requests carry none)
const methodOf = (r: { url: string; body: string }) => (r.body ? 'POST' : 'GET');

function bitrix() {
  const b = bitrix24Api({ userId: 7, token: 'k3yw3bh00k0123' });
  net.on(BITRIX, (r) => {
    const out = b.handle({ method: 'POST', url: r.url, body: r.body });
    return Response.json(out.body, { status: out.status });
  });
  return b;
}

const callbackCall = (botId: string) => callbackCallResult(botId, 'окрашивание');

async function connectAmo(key: string, settings: Record<string, unknown> = { pipeline_id: 4411, statuses: { callback_requested: 142 }, fields: { reason: 55501 } }) {
  return api('PUT', '/integrations/amocrm', { key, body: { base_url: AMO, client_id: APP.clientId, client_secret: APP.clientSecret, redirect_uri: APP.redirectUri, code: APP.code, settings } });
}

describe('amoCRM: OAuth connection through the API', () => {
  it('exchanges the code, stores the tokens encrypted and never returns them; test, settings, disconnect', async () => {
    const a = amo();
    const { company } = await createCompanyWithBot();
    const put = await connectAmo(company.key);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ kind: 'amocrm', base_url: AMO, auth_type: 'oauth', client_id: APP.clientId, active: true, settings: { pipeline_id: 4411 } });
    expect(a.requests[0]).toMatchObject({ method: 'POST', path: '/oauth2/access_token', body: { grant_type: 'authorization_code', code: APP.code, client_id: APP.clientId, client_secret: APP.clientSecret, redirect_uri: APP.redirectUri } });
    const listed = JSON.stringify((await api('GET', '/integrations', { key: company.key })).body);
    const row = await env.DB.prepare('SELECT secrets_enc FROM crm_connections WHERE company_id = ?').bind(company.id).first<{ secrets_enc: string }>();
    for (const secret of ['acc-1', 'ref-1', APP.clientSecret]) {
      expect(listed).not.toContain(secret);
      expect(row!.secrets_enc).not.toContain(secret);
    }
    expect(row!.secrets_enc).toMatch(/^v1:/);

    expect((await api('POST', '/integrations/amocrm/test', { key: company.key })).body).toEqual({ ok: true, account: 'Салон Элегант' });
    const mapped = await api('PUT', '/integrations/amocrm/settings', { key: company.key, body: { pipeline_id: 5000, statuses: { booking_created: 143 } } });
    expect(mapped.body.settings).toMatchObject({ pipeline_id: 5000, statuses: { booking_created: 143 } });
    expect((await api('DELETE', '/integrations/amocrm', { key: company.key })).status).toBe(204);
    expect((await api('GET', '/integrations', { key: company.key })).body).toEqual({ integrations: [] });
  });

  it('a refused code is a 422 naming amoCRM\'s answer; bad bodies are 422 with each path', async () => {
    amo();
    const { company } = await createCompanyWithBot();
    const bad = await api('PUT', '/integrations/amocrm', { key: company.key, body: { base_url: AMO, client_id: APP.clientId, client_secret: APP.clientSecret, redirect_uri: APP.redirectUri, code: 'stale' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'crm_refused', message: expect.stringContaining('Authorization code has been revoked') });
    const invalid = await api('PUT', '/integrations/amocrm', { key: company.key, body: { base_url: 'http://x', client_id: '', code: 1 } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['json.base_url', 'json.client_id', 'json.client_secret', 'json.code']));
  });
});

describe('amoCRM: post-call delivery from the queue', () => {
  it('contact by phone, a lead in the pipeline with the status for the outcome and the mapped field, a note; once per call', async () => {
    const a = amo();
    const { company, bot } = await createCompanyWithBot();
    await connectAmo(company.key);
    const call = callbackCall(bot.id);
    await seedCall(call);

    expect((await runQueue(QUEUE, [message({ callId: call.call_id })])).explicitAcks).toHaveLength(1);
    const sent = a.requests.filter((r) => r.path.startsWith('/api/v4/')).map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`);
    expect(sent).toEqual([
      'GET /api/v4/contacts?query=79031112233',
      'POST /api/v4/contacts',
      `GET /api/v4/leads?query=${call.call_id}`,
      'POST /api/v4/leads',
      `POST /api/v4/leads/${a.leads[0]!.id}/notes`,
    ]);
    expect(a.requests.find((r) => r.path === '/api/v4/contacts' && r.method === 'POST')!.body).toEqual([{ name: 'Ирина', custom_fields_values: [{ field_code: 'PHONE', values: [{ value: '+79031112233', enum_code: 'WORK' }] }] }]);
    expect(a.requests.find((r) => r.path === '/api/v4/leads' && r.method === 'POST')!.body).toEqual([{
      name: `Звонок +79031112233 · ${call.call_id}`,
      pipeline_id: 4411,
      status_id: 142,
      custom_fields_values: [{ field_id: 55501, values: [{ value: 'окрашивание' }] }],
      _embedded: { contacts: [{ id: a.contacts[0]!.id }] },
    }]);
    expect(a.notes[0]).toMatchObject({ note_type: 'common', text: expect.stringContaining(`/calls/${call.call_id}`) });
    expect(a.requests.filter((r) => r.path.startsWith('/api/v4/')).every((r) => r.authorization === 'Bearer acc-1')).toBe(true);

    // a redelivered job sends nothing again
    await runQueue(QUEUE, [message({ callId: call.call_id }, 2)]);
    expect(a.leads).toHaveLength(1);
    const deliveries = (await api('GET', `/integrations/deliveries?call_id=${call.call_id}`, { key: company.key })).body.deliveries;
    expect(deliveries).toEqual([expect.objectContaining({ kind: 'amocrm', status: 'delivered', attempts: 1, crm_ids: { contact_id: a.contacts[0]!.id, lead_id: a.leads[0]!.id, note_id: expect.any(Number) } })]);
  });

  it('an access token that expires mid-delivery is refreshed once (the new pair stored) and the delivery goes on', async () => {
    const a = amo();
    const { company, bot } = await createCompanyWithBot();
    await connectAmo(company.key);
    const call = callbackCall(bot.id);
    await seedCall(call);
    let expired = false;
    const handle = a.handle.bind(a);
    a.handle = (req) => {
      if (!expired && new URL(req.url).pathname === '/api/v4/leads' && req.method === 'POST') {
        expired = true;
        a.expireTokens();
      }
      return handle(req);
    };

    expect((await runQueue(QUEUE, [message({ callId: call.call_id })])).explicitAcks).toHaveLength(1);
    const refresh = a.requests.find((r) => r.body?.grant_type === 'refresh_token');
    expect(refresh?.body).toMatchObject({ refresh_token: 'ref-1', client_id: APP.clientId, redirect_uri: APP.redirectUri });
    expect(a.leads).toHaveLength(1);
    expect(a.requests.filter((r) => r.path === '/api/v4/leads' && r.method === 'POST').map((r) => r.authorization)).toEqual(['Bearer acc-1', 'Bearer acc-2']);
    // the rotated refresh token was stored: the next refresh uses ref-2
    a.expireTokens();
    expect((await api('POST', '/integrations/amocrm/test', { key: company.key })).status).toBe(200);
    expect(a.requests.filter((r) => r.body?.grant_type === 'refresh_token').map((r) => r.body.refresh_token)).toEqual(['ref-1', 'ref-2']);
  });

  it('429 waits at least Retry-After; a CRM down for an hour is retried with backoff and delivered once it is back, one lead', async () => {
    const a = amo();
    const { company, bot } = await createCompanyWithBot();
    await connectAmo(company.key);
    const call = callbackCall(bot.id);
    await seedCall(call);

    a.throttle(1);
    const throttled = await runQueue(QUEUE, [message({ callId: call.call_id }, 1, 'm-429')]);
    expect(throttled.retryMessages).toHaveLength(1);
    expect(throttled.retryDelays['m-429']).toBeGreaterThanOrEqual(30);

    a.down = true;
    const delays: number[] = [];
    for (let attempt = 2; attempt <= 7; attempt++) {
      await env.DB.prepare('UPDATE crm_deliveries SET next_attempt_at = 0 WHERE call_id = ?').bind(call.call_id).run(); // the delay has passed
      const r = await runQueue(QUEUE, [message({ callId: call.call_id }, attempt, `m-${attempt}`)]);
      expect(r.retryMessages).toHaveLength(1);
      delays.push(r.retryDelays[`m-${attempt}`]!);
    }
    expect(delays.reduce((s, x) => s + x, 0)).toBeGreaterThanOrEqual(3600); // an hour of waiting, growing
    expect(delays).toEqual([...delays].sort((x, y) => x - y));
    const during = (await api('GET', `/integrations/deliveries?call_id=${call.call_id}`, { key: company.key })).body.deliveries[0];
    expect(during).toMatchObject({ status: 'pending', attempts: 7, last_error: expect.stringContaining('503') });

    a.down = false;
    await env.DB.prepare('UPDATE crm_deliveries SET next_attempt_at = 0 WHERE call_id = ?').bind(call.call_id).run();
    expect((await runQueue(QUEUE, [message({ callId: call.call_id }, 8)])).explicitAcks).toHaveLength(1);
    expect(a.leads).toHaveLength(1);
    expect((await api('GET', `/integrations/deliveries?call_id=${call.call_id}`, { key: company.key })).body.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 8 });
  }, 30_000);

  it('a delivery the queue gave up on is failed and named in the dead letter', async () => {
    const a = amo();
    const { company, bot } = await createCompanyWithBot();
    await connectAmo(company.key);
    const call = callbackCall(bot.id);
    await seedCall(call);
    a.down = true;
    await runQueue(QUEUE, [message({ callId: call.call_id })]);
    await runQueue(DLQ, [message({ callId: call.call_id }, 1, 'dead-crm')]);
    const dead = await env.DB.prepare('SELECT error FROM dead_letters WHERE message_id = ?').bind('dead-crm').first<{ error: string }>();
    expect(dead?.error).toMatch(/amocrm delivery crm_\w+ failed after 1 attempts \(amocrm: 503/);
    expect((await api('GET', `/integrations/deliveries?call_id=${call.call_id}`, { key: company.key })).body.deliveries[0].status).toBe('failed');
  });
});

describe('Bitrix24: incoming webhook, lead, timeline comment and the call in telephony', () => {
  it('registers and finishes the call with duration, status and the lead; the exact methods and parameters', async () => {
    const b = bitrix();
    const { company, bot } = await createCompanyWithBot();
    const put = await api('PUT', '/integrations/bitrix24', { key: company.key, body: { webhook_url: HOOK, settings: { entity: 'lead', user_id: 7, statuses: { callback_requested: 'IN_PROCESS' }, fields: { reason: 'UF_CRM_REASON' } } } });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain('k3yw3bh00k0123');
    expect((await api('POST', '/integrations/bitrix24/test', { key: company.key })).body).toEqual({ ok: true, account: 'Анна Владелец' });
    const call = callbackCall(bot.id);
    await seedCall(call);

    expect((await runQueue(QUEUE, [message({ callId: call.call_id })])).explicitAcks).toHaveLength(1);
    expect(b.calls.map((c) => c.method)).toEqual(['profile', 'crm.duplicate.findbycomm', 'crm.contact.add', 'crm.lead.add', 'crm.timeline.comment.add', 'telephony.externalcall.register', 'telephony.externalcall.finish']);
    const lead = b.leads[0]!;
    expect(lead.fields).toMatchObject({ TITLE: `Звонок +79031112233 · ${call.call_id}`, NAME: 'Ирина', PHONE: [{ VALUE: '+79031112233', VALUE_TYPE: 'WORK' }], SOURCE_ID: 'CALL', STATUS_ID: 'IN_PROCESS', CONTACT_ID: b.contacts[0]!.ID, UF_CRM_REASON: 'окрашивание' });
    expect(b.comments[0]!.fields).toMatchObject({ ENTITY_ID: lead.ID, ENTITY_TYPE: 'lead', COMMENT: expect.stringContaining(`/calls/${call.call_id}`) });
    expect(b.telephony[0]!.register).toEqual({ USER_ID: 7, PHONE_NUMBER: '+79031112233', CALL_START_DATE: new Date(call.started_at).toISOString(), TYPE: 2, CRM_CREATE: 0, CRM_ENTITY_TYPE: 'LEAD', CRM_ENTITY_ID: lead.ID, SHOW: 0 });
    expect(b.telephony[0]!.finish).toEqual({ CALL_ID: 'externalCall.1', USER_ID: 7, DURATION: 85, STATUS_CODE: '200', ADD_TO_CHAT: 0 });
  });

  it('QUERY_LIMIT_EXCEEDED mid-delivery retries and resumes after the steps already done; a revoked webhook fails for good', async () => {
    const b = bitrix();
    const { company, bot } = await createCompanyWithBot();
    await api('PUT', '/integrations/bitrix24', { key: company.key, body: { webhook_url: HOOK, settings: { user_id: 7 } } });
    const call = callbackCall(bot.id);
    await seedCall(call);
    const handle = b.handle;
    b.handle = (req) => (req.url.endsWith('crm.timeline.comment.add.json') && b.comments.length === 0 && !b.calls.some((c) => c.method === 'crm.timeline.comment.add') ? (b.calls.push({ method: 'crm.timeline.comment.add', params: {} }), { status: 503, body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' } }) : handle(req));

    expect((await runQueue(QUEUE, [message({ callId: call.call_id })])).retryMessages).toHaveLength(1);
    await env.DB.prepare('UPDATE crm_deliveries SET next_attempt_at = 0 WHERE call_id = ?').bind(call.call_id).run();
    expect((await runQueue(QUEUE, [message({ callId: call.call_id }, 2)])).explicitAcks).toHaveLength(1);
    expect(b.leads).toHaveLength(1);
    expect(b.calls.filter((c) => c.method === 'crm.lead.add')).toHaveLength(1);

    const other = callbackCall(bot.id);
    await seedCall(other);
    await api('PUT', '/integrations/bitrix24', { key: company.key, body: { webhook_url: `${BITRIX}/rest/7/revokedkey/`, settings: { user_id: 7 } } });
    expect((await runQueue(QUEUE, [message({ callId: other.call_id })])).explicitAcks).toHaveLength(1);
    expect((await api('GET', `/integrations/deliveries?call_id=${other.call_id}`, { key: company.key })).body.deliveries[0]).toMatchObject({ status: 'failed', last_error: expect.stringContaining('NO_AUTH_FOUND') });
  }, 30_000);
});
