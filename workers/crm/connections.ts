import { and, eq } from 'drizzle-orm';
import type { Env } from '../env.ts';
import { schema, type Db } from '../db/client.ts';
import type { CrmKind } from '../db/schema-crm.ts';
import { open, seal } from '../lib/secret-box.ts';
import { AmoCrm, type AmoApp, type AmoSettings, type AmoTokens } from './amocrm.ts';
import { Bitrix24, type BitrixSettings } from './bitrix24.ts';

export type ConnectionRow = typeof schema.crmConnections.$inferSelect;
type Secrets = { client_secret?: string; access?: string; refresh?: string; webhook?: string };

/** A connection as the API shows it: never a token, a secret or the webhook's key. */
export function connectionView(r: ConnectionRow) {
  return {
    kind: r.kind,
    base_url: r.baseUrl,
    auth_type: r.authType,
    client_id: r.clientId,
    settings: JSON.parse(r.settingsJson) as Record<string, unknown>,
    active: r.active,
    last_error: r.lastError,
    connected_at: new Date(r.createdAt).toISOString(),
    updated_at: new Date(r.updatedAt).toISOString(),
  };
}

export async function saveConnection(
  d: Db,
  env: Pick<Env, 'CRM_TOKEN_KEY'>,
  companyId: string,
  c: { kind: CrmKind; baseUrl: string; authType: 'oauth' | 'webhook'; clientId: string | null; secrets: Secrets; accessExpiresAt: number | null; settings: object },
): Promise<ConnectionRow> {
  const now = Date.now();
  const values = {
    baseUrl: c.baseUrl,
    authType: c.authType,
    clientId: c.clientId,
    secretsEnc: await seal(env.CRM_TOKEN_KEY, companyId, JSON.stringify(c.secrets)),
    accessExpiresAt: c.accessExpiresAt,
    settingsJson: JSON.stringify(c.settings),
    active: true,
    lastError: null,
    updatedAt: now,
  };
  await d.insert(schema.crmConnections).values({ companyId, kind: c.kind, ...values }).onConflictDoUpdate({ target: [schema.crmConnections.companyId, schema.crmConnections.kind], set: values });
  return (await loadConnection(d, companyId, c.kind))!;
}

export const loadConnection = (d: Db, companyId: string, kind: CrmKind) =>
  d.select().from(schema.crmConnections).where(and(eq(schema.crmConnections.companyId, companyId), eq(schema.crmConnections.kind, kind))).get();

export type CrmClient = { kind: 'amocrm'; client: AmoCrm; settings: AmoSettings } | { kind: 'bitrix24'; client: Bitrix24; settings: BitrixSettings };

/** The client of a stored connection; new amoCRM tokens are sealed and stored as soon as they are issued. */
export async function clientFor(d: Db, env: Pick<Env, 'CRM_TOKEN_KEY'>, row: ConnectionRow): Promise<CrmClient> {
  const secrets = JSON.parse(await open(env.CRM_TOKEN_KEY, row.companyId, row.secretsEnc)) as Secrets;
  const settings = JSON.parse(row.settingsJson);
  if (row.kind === 'bitrix24') return { kind: 'bitrix24', client: new Bitrix24(secrets.webhook!), settings };
  const app: AmoApp = { baseUrl: row.baseUrl, clientId: row.clientId!, clientSecret: secrets.client_secret!, redirectUri: settings.redirect_uri };
  const save = async (t: AmoTokens) => {
    const sealed = await seal(env.CRM_TOKEN_KEY, row.companyId, JSON.stringify({ ...secrets, access: t.access, refresh: t.refresh }));
    secrets.access = t.access;
    secrets.refresh = t.refresh;
    await d.update(schema.crmConnections).set({ secretsEnc: sealed, accessExpiresAt: t.expiresAt, updatedAt: Date.now() })
      .where(and(eq(schema.crmConnections.companyId, row.companyId), eq(schema.crmConnections.kind, 'amocrm')));
  };
  const tokens = { access: secrets.access!, refresh: secrets.refresh!, expiresAt: row.accessExpiresAt ?? 0 };
  return { kind: 'amocrm', client: new AmoCrm(app, tokens, save), settings };
}
