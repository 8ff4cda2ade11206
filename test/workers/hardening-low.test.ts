import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { phoneCall, postCall } from './lifecycle-support.ts';
import { uniqueCallId } from './postcall-support.ts';
import { ADMIN_KEY, api, createCompany, createCompanyWithBot, scenarioText, SERVICE_TOKEN } from './support.ts';

const json = { 'content-type': 'application/json' };

describe('hardening: admin routes answer 404 for companies that do not exist', { timeout: 60_000 }, () => {
  it('an unknown or erased company has no bots, keys or retention to read or issue', async () => {
    const erased = await createCompany();
    expect((await api('DELETE', `/companies/${erased.id}`, { key: ADMIN_KEY })).status).toBe(204);
    for (const id of ['cmp_nope', erased.id]) {
      expect((await api('GET', `/companies/${id}/bots`, { key: ADMIN_KEY })).status, `${id} bots`).toBe(404);
      expect((await api('GET', `/companies/${id}/api-keys`, { key: ADMIN_KEY })).status, `${id} keys`).toBe(404);
      const issued = await api('POST', `/companies/${id}/api-keys`, { key: ADMIN_KEY, body: { name: 'снова' } });
      expect(issued.status, `${id} new key: ${JSON.stringify(issued.body)}`).toBe(404);
      expect(issued.body.error.code).toBe('not_found');
    }
    const live = await createCompany();
    expect((await api('GET', `/companies/${live.id}/bots`, { key: ADMIN_KEY })).status).toBe(200);
  });
});

describe('hardening: duplicate keys in a JSON body are refused as YAML refuses them', { timeout: 60_000 }, () => {
  it('answers 422 naming the repeated key, in POST /bots and in PUT config', async () => {
    const { company, bot } = await createCompanyWithBot();
    const config = (await api('GET', `/bots/${bot.id}`, { key: company.key })).body.config;
    const text = JSON.stringify({ config });
    const twice = text.replace('"greeting":', '"greeting":"Алло, кто это?","greeting":');
    const put = await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: JSON.stringify(config).replace('"greeting":', '"greeting":"Алло","greeting":'), headers: json });
    expect(put.status, JSON.stringify(put.body)).toBe(422);
    expect(put.body.error.details).toEqual([{ path: 'json.greeting', message: expect.stringContaining('duplicate key') }]);
    const other = await createCompany();
    const post = await api('POST', '/bots', { key: other.key, body: twice, headers: json });
    expect(post.status).toBe(422);
    expect(post.body.error.details).toEqual([{ path: 'json.config.greeting', message: expect.stringContaining('duplicate key') }]);
    const yamlTwice = scenarioText('salon-bot-1.yaml').replace(/^greeting: .*$/m, '$&\ngreeting: "Алло"');
    expect((await api('POST', '/bots', { key: other.key, body: yamlTwice, headers: { 'content-type': 'application/yaml' } })).status).toBe(422);
    expect((await api('POST', '/bots', { key: other.key, body: text, headers: json })).status).toBe(201);
  });
});

describe('hardening: webhook URLs reach only public web servers', { timeout: 60_000 }, () => {
  it('refuses ::ffff:0:0/96 hosts and non-web ports with 422', async () => {
    const company = await createCompany();
    for (const url of ['https://[::ffff:0:7f00:1]/hook', 'https://crm.salon-elegant.ru:22/hook', 'https://crm.salon-elegant.ru:6379/hook']) {
      const res = await api('POST', '/webhooks', { key: company.key, body: { url } });
      expect(res.status, url).toBe(422);
      expect(res.body.error.details[0].path).toBe('json.url');
    }
    expect((await api('POST', '/webhooks', { key: company.key, body: { url: 'https://crm.salon-elegant.ru:8443/hook' } })).status).toBe(201);
  });
});

describe('hardening: Range on recordings per RFC 9110', { timeout: 60_000 }, () => {
  it('answers one range with 206, an unsatisfiable one with 416, and ignores malformed or multiple ranges (200)', async () => {
    const { company, bot } = await createCompanyWithBot();
    const callId = uniqueCallId('range');
    const bytes = new Uint8Array(1000).map((_, i) => i % 251);
    const key = `recordings/${bot.id}/2026/11/${callId}.ogg`;
    await env.CALLS.put(key, bytes, { httpMetadata: { contentType: 'audio/ogg' } });
    await postCall(phoneCall(bot.id, { call_id: callId, recording_key: key }));
    const url = new URL((await api('GET', `/calls/${callId}`, { key: company.key })).body.recording.url);
    const get = (range: string) => SELF.fetch(`http://api.test${url.pathname}${url.search}`, { headers: { range } });

    const cases: [string, number, string | null, number][] = [
      ['bytes=10-19', 206, 'bytes 10-19/1000', 10],
      ['bytes=990-2000', 206, 'bytes 990-999/1000', 10],
      ['bytes=-5', 206, 'bytes 995-999/1000', 5],
      ['bytes=-5000', 206, 'bytes 0-999/1000', 1000],
      ['bytes=1000-', 416, 'bytes */1000', 0],
      ['bytes=5000-6000', 416, 'bytes */1000', 0],
      ['bytes=-0', 416, 'bytes */1000', 0],
      ['bytes=20-10', 200, null, 1000],
      ['bytes=abc', 200, null, 1000],
      ['items=0-9', 200, null, 1000],
      ['bytes=0-9,20-29', 200, null, 1000],
    ];
    for (const [range, status, contentRange, length] of cases) {
      const res = await get(range);
      expect(res.status, range).toBe(status);
      expect(res.headers.get('content-range'), range).toBe(contentRange);
      expect((await res.arrayBuffer()).byteLength, range).toBe(length);
    }
  });
});

describe('hardening: chat state tokens are parsed strictly', { timeout: 60_000 }, () => {
  it('refuses a token with an extra segment, padding or spaces, and takes the token as issued', async () => {
    const { company, bot } = await createCompanyWithBot();
    const chat = (body: unknown) => api('POST', `/bots/${bot.id}/chat`, { key: company.key, body });
    const now = '2026-11-25T10:00:00+03:00';
    const start = await chat({ now, lines: ['запишите на маникюр'] });
    const token = start.body.state as string;
    for (const bad of [`${token}.extra`, `${token}.`, `.${token}`, `${token}=`, ` ${token}`, token.replace('.', '..')]) {
      const res = await chat({ now, state: bad, text: 'в пятницу' });
      expect(res.status, bad.slice(-12)).toBe(422);
      expect(res.body.error.code).toBe('invalid_state');
    }
    const ok = await chat({ now, state: token, text: 'в пятницу' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});

describe('hardening: an erased call stays erased', { timeout: 60_000 }, () => {
  it('refuses the same call id posted again with 410, and its recording link stays dead', async () => {
    const { company, bot } = await createCompanyWithBot();
    const callId = uniqueCallId('erased');
    const key = `recordings/${bot.id}/2026/11/${callId}.ogg`;
    await env.CALLS.put(key, new Uint8Array([0x4f, 0x67, 0x67, 0x53]), { httpMetadata: { contentType: 'audio/ogg' } });
    const result = phoneCall(bot.id, { call_id: callId, recording_key: key });
    await postCall(result);
    const link = new URL((await api('GET', `/calls/${callId}`, { key: company.key })).body.recording.url);
    expect((await api('DELETE', `/calls/${callId}`, { key: company.key })).status).toBe(204);
    await env.CALLS.put(key, new Uint8Array([0x4f, 0x67, 0x67, 0x53]), { httpMetadata: { contentType: 'audio/ogg' } }); // the agent re-uploads
    const again = await api('POST', '/internal/calls', { key: SERVICE_TOKEN, body: result });
    expect(again.status, JSON.stringify(again.body)).toBe(410);
    expect(again.body.error.code).toBe('call_erased');
    expect((await api('GET', `/calls/${callId}`, { key: company.key })).status).toBe(404);
    expect((await SELF.fetch(`http://api.test${link.pathname}${link.search}`)).status).toBe(403);
  });
});
