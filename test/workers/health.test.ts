import { describe, expect, it } from 'vitest';
import { api } from './support.ts';

describe('ops endpoints', () => {
  it('GET /health reports the database reachable', async () => {
    const res = await api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('unknown routes answer the JSON error shape', async () => {
    const res = await api('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
