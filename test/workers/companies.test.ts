import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, api, createCompany } from './support.ts';

describe('companies and API keys', () => {
  it('the platform admin creates a company and gets its first key once', async () => {
    const res = await api('POST', '/companies', { key: ADMIN_KEY, body: { name: 'Стоматология «Улыбка»' } });
    expect(res.status).toBe(201);
    expect(res.body.company).toMatchObject({ name: 'Стоматология «Улыбка»' });
    expect(res.body.api_key.key).toMatch(/^vbk_[0-9A-Za-z]{40}$/);
    expect(res.body.api_key.prefix).toBe(res.body.api_key.key.slice(0, 12));

    const listed = await api('GET', `/companies/${res.body.company.id}/api-keys`, { key: res.body.api_key.key });
    expect(listed.status).toBe(200);
    expect(listed.body.api_keys).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.api_key.key);
  });

  it('creating a company needs the admin key, not a company key', async () => {
    const company = await createCompany();
    expect((await api('POST', '/companies', { body: { name: 'X' } })).status).toBe(401);
    expect((await api('POST', '/companies', { key: company.key, body: { name: 'X' } })).status).toBe(401);
    expect((await api('POST', '/companies', { key: 'wrong', body: { name: 'X' } })).status).toBe(401);
  });

  it('rejects an empty name and unknown fields with paths', async () => {
    const res = await api('POST', '/companies', { key: ADMIN_KEY, body: { name: '', plan: 'pro' } });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('json.name');
    expect(paths.join(' ')).toContain('json');
  });

  it('malformed JSON is a 400 with the error shape', async () => {
    const res = await api('POST', '/companies', { key: ADMIN_KEY, body: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeTypeOf('string');
  });

  it('rotates keys: a new key works, the revoked old one answers 401', async () => {
    const company = await createCompany();
    const issued = await api('POST', `/companies/${company.id}/api-keys`, { key: company.key, body: { name: 'crm' } });
    expect(issued.status).toBe(201);
    expect(issued.body.name).toBe('crm');
    const newKey = issued.body.key as string;

    const keys = await api('GET', `/companies/${company.id}/api-keys`, { key: newKey });
    const old = keys.body.api_keys.find((k: { name: string }) => k.name === 'default');
    const revoked = await api('DELETE', `/companies/${company.id}/api-keys/${old.id}`, { key: newKey });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();

    const withOld = await api('GET', `/companies/${company.id}/bots`, { key: company.key });
    expect(withOld.status).toBe(401);
    expect(withOld.body.error.code).toBe('unauthorized');
    expect((await api('GET', `/companies/${company.id}/bots`, { key: newKey })).status).toBe(200);
    // revoking twice is a 404, not a silent success
    expect((await api('DELETE', `/companies/${company.id}/api-keys/${old.id}`, { key: newKey })).status).toBe(404);
  });

  it('the admin key can issue a key for any company (recovery)', async () => {
    const company = await createCompany();
    const res = await api('POST', `/companies/${company.id}/api-keys`, { key: ADMIN_KEY });
    expect(res.status).toBe(201);
    expect((await api('GET', `/companies/${company.id}`, { key: res.body.key })).body.id).toBe(company.id);
  });
});
