import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { api } from './support.ts';

describe('API description', () => {
  it('GET /openapi.json documents the admin API from the same zod schemas', async () => {
    const res = await api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    const ops = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /companies', 'GET /companies/{id}/bots', 'POST /companies/{id}/api-keys', 'DELETE /companies/{id}/api-keys/{keyId}',
        'POST /bots', 'GET /bots/{id}', 'PUT /bots/{id}/config', 'DELETE /bots/{id}', 'GET /calls', 'GET /calls/{id}', 'GET /health',
      ]),
    );
    const listCalls = res.body.paths['/calls'].get;
    expect(listCalls.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['bot_id', 'status', 'outcome', 'from', 'to', 'limit', 'cursor']));
  });

  it('names the auth scheme of every operation and gives every error response the shared Error schema', async () => {
    const { body } = await api('GET', '/openapi.json');
    expect(Object.keys(body.components.securitySchemes)).toEqual(['companyKey', 'adminKey', 'agentHostToken']);
    expect(body.components.securitySchemes.companyKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(body.components.schemas.Error.required).toEqual(['error']);
    expect(body.paths['/health'].get.security).toEqual([]);
    expect(body.paths['/companies'].post.security).toEqual([{ adminKey: [] }]);
    expect(body.paths['/internal/calls'].post.security).toEqual([{ agentHostToken: [] }]);
    expect(body.paths['/bots'].post.security).toEqual([{ companyKey: [] }]);
    for (const [path, ops] of Object.entries(body.paths as Record<string, Record<string, { security: unknown[]; responses: Record<string, any> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (op.security.length) expect(op.responses, where).toHaveProperty('401');
        for (const [status, response] of Object.entries(op.responses)) {
          if (path !== '/health' && Number(status) >= 400 && response.content) expect(response.content['application/json'].schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
  });

  it('GET /docs serves Swagger UI from the Worker itself, nothing from a CDN', async () => {
    const res = await api('GET', '/docs');
    expect(res.status).toBe(200);
    const page = String(res.body);
    expect(page).toContain("url: '/openapi.json'");
    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/docs/assets/swagger-ui-dist/swagger-ui.css', '/docs/assets/swagger-ui-dist/swagger-ui-bundle.js']);
    for (const asset of assets) {
      const file = await SELF.fetch(`http://api.test${asset}`);
      expect(file.status, asset).toBe(200);
      expect((await file.text()).length, asset).toBeGreaterThan(100_000);
    }
  });
});
