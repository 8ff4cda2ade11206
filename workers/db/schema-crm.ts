import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const CRM_KINDS = ['amocrm', 'bitrix24'] as const;
export type CrmKind = (typeof CRM_KINDS)[number];
export const CRM_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/** A company's connection to a CRM (migrations/0008); secrets are AES-GCM encrypted (see lib/secret-box.ts). */
export const crmConnections = sqliteTable(
  'crm_connections',
  {
    companyId: text('company_id').notNull(),
    kind: text('kind', { enum: CRM_KINDS }).notNull(),
    /** amoCRM: `https://<subdomain>.amocrm.ru`; Bitrix24: the portal `https://<portal>.bitrix24.ru`. */
    baseUrl: text('base_url').notNull(),
    authType: text('auth_type', { enum: ['oauth', 'webhook'] }).notNull(),
    clientId: text('client_id'),
    secretsEnc: text('secrets_enc').notNull(),
    accessExpiresAt: integer('access_expires_at'),
    settingsJson: text('settings_json').notNull().default('{}'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.kind] })],
);

/** One post-call delivery of a call to a CRM; `progressJson` holds the CRM ids made so far. */
export const crmDeliveries = sqliteTable(
  'crm_deliveries',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull(),
    callId: text('call_id').notNull(),
    kind: text('kind', { enum: CRM_KINDS }).notNull(),
    status: text('status', { enum: CRM_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    progressJson: text('progress_json').notNull().default('{}'),
    nextAttemptAt: integer('next_attempt_at'),
    deliveredAt: integer('delivered_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('crm_deliveries_call_uq').on(t.callId, t.kind), index('crm_deliveries_company_idx').on(t.companyId, t.createdAt)],
);
