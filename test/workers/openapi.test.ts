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

  it('GET /docs serves a human page', async () => {
    const res = await api('GET', '/docs');
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('/openapi.json');
  });
});
