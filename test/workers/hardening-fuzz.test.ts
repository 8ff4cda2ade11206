import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, SERVICE_TOKEN, api, createCompanyWithBot, scenarioText, type ApiResponse } from './support.ts';

/** No 5xx, and every 4xx in the one error shape. */
function expectClientError(res: ApiResponse, what: string) {
  expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

// JSON with the keys that break naive code: prototype keys, empty and huge strings, deep nesting.
const nastyKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'bot_id', 'config', 'name', 'timezone', 'url', 'events', 'scenarios');
const nastyString = fc.oneof(fc.string(), fc.constantFrom('Mars/Phobos', '\u202Eмяу', '\u0000', 'a'.repeat(5000), '../../etc/passwd', 'https://localhost./x', '{{', '%PDF-'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), nastyString, tie('object'), fc.array(tie('value'), { maxLength: 4 })),
  object: fc.dictionary(fc.oneof(nastyKey, fc.string()), tie('value'), { maxKeys: 5 }),
})).value;

/** The salon config with one path replaced by something else. */
const salonConfig = (): Record<string, unknown> => JSON.parse(JSON.stringify(baseConfig));
let baseConfig: Record<string, unknown> = {};
const mutatedConfig = fc.tuple(fc.constantFrom('bot_id', 'greeting', 'timezone', 'scenarios', 'max_turns', 'business_hours', 'handoff', 'language', 'fallback', 'tests', 'company', '__proto__'), json)
  .map(([key, value]) => {
    const config = salonConfig();
    if (key === '__proto__') return `{"__proto__": ${JSON.stringify(value) ?? 'null'}, ${JSON.stringify(config).slice(1)}`;
    config[key] = value;
    return JSON.stringify(config);
  });

// YAML: the real config with a line swapped, inserted or cut, plus arbitrary text.
const yamlText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.tuple(fc.nat(60), fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('timezone: Mars/Phobos', '__proto__: {a: 1}', 'bot_id: [', '  - &a [*a]', 'max_turns: -1', '\t\t', 'scenarios: 7')))
    .map(([line, text]) => {
      const lines = scenarioText('salon-bot-1.yaml').split('\n');
      lines.splice(line % lines.length, line % 3, text);
      return lines.join('\n');
    }),
);

describe('hardening: property-based fuzz of the public API inputs', { timeout: 240_000 }, () => {
  it('POST /bots and PUT /bots/{id}/config: any JSON or YAML → 2xx or a 4xx in the error shape', async () => {
    const { company, bot } = await createCompanyWithBot();
    baseConfig = (await api('GET', `/bots/${bot.id}`, { key: company.key })).body.config;
    await fc.assert(
      fc.asyncProperty(fc.oneof(json.map((v) => JSON.stringify(v) ?? 'null'), mutatedConfig), fc.boolean(), async (body, wrap) => {
        const payload = wrap ? `{"config": ${body}}` : body;
        expectClientError(await api('POST', '/bots', { key: company.key, body: payload, headers: { 'content-type': 'application/json' } }), `POST /bots ${payload.slice(0, 120)}`);
        expectClientError(await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body, headers: { 'content-type': 'application/json' } }), `PUT json ${body.slice(0, 120)}`);
      }),
      { numRuns: 60, examples: [[`${'['.repeat(5000)}${']'.repeat(5000)}`, true], [`{"greeting": ${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, false]] },
    );
    await fc.assert(
      fc.asyncProperty(yamlText, async (text) => {
        expectClientError(await api('PUT', `/bots/${bot.id}/config`, { key: company.key, body: text, headers: { 'content-type': 'application/yaml' } }), `PUT yaml ${text.slice(0, 120)}`);
        expectClientError(await api('POST', '/bots', { key: company.key, body: text, headers: { 'content-type': 'application/yaml' } }), `POST yaml ${text.slice(0, 120)}`);
      }),
      // Found by this test: an alias inside its own anchor made the config contain itself (stack overflow, 500).
      { numRuns: 60, examples: [[scenarioText('salon-bot-1.yaml').replace(/^fallback:/m, '  - &a [*a]\nfallback:')], ['a: &x\n  b: *x\n']] },
    );
  });

  it('webhooks, numbers, keys, companies, call results and search: any JSON → 2xx or a 4xx in the error shape', async () => {
    const { company, bot } = await createCompanyWithBot();
    const targets: [string, string, string][] = [
      ['POST', '/webhooks', company.key],
      ['POST', `/bots/${bot.id}/phone-numbers`, company.key],
      ['POST', `/companies/${company.id}/api-keys`, company.key],
      ['POST', '/companies', ADMIN_KEY],
      ['POST', '/internal/calls', SERVICE_TOKEN],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), json, async ([method, path, key], value) => {
        const body = JSON.stringify(value) ?? 'null';
        expectClientError(await api(method, path, { key, body, headers: { 'content-type': 'application/json' } }), `${method} ${path} ${body.slice(0, 120)}`);
      }),
      { numRuns: 120 },
    );
    await fc.assert(
      fc.asyncProperty(nastyString, fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), async (q, topK) => {
        const qs = new URLSearchParams({ q, top_k: String(topK) });
        expectClientError(await api('GET', `/bots/${bot.id}/knowledge/search?${qs}`, { key: company.key }), `search ${qs}`.slice(0, 160));
      }),
      { numRuns: 40 },
    );
  });
});
