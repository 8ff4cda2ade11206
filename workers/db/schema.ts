import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// All timestamps are epoch milliseconds (UTC); the API renders them as ISO-8601.
const createdAt = () => integer('created_at').notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const companies = sqliteTable('companies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  // --- data lifecycle (migrations/0004_lifecycle.sql) ---
  /** Days a call (row, transcript, recording) is kept; null: the platform default (180). */
  retentionDays: integer('retention_days'),
  // --- reminders (migrations/0006_reminders_notifications.sql) ---
  /** Reminder calls per day at most; null: the platform default. */
  reminderDailyCap: integer('reminder_daily_cap'),
});

/** Company API keys: only a SHA-256 hash and a short display prefix are stored. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull().references(() => companies.id),
    name: text('name').notNull().default('default'),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_company_idx').on(t.companyId)],
);

export const bots = sqliteTable(
  'bots',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull().references(() => companies.id),
    /** Public slug, the config's `bot_id`; unique within a company. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    language: text('language').notNull().default('ru'),
    configJson: text('config_json').notNull(),
    configVersion: integer('config_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    uniqueIndex('bots_company_slug_uq').on(t.companyId, t.slug).where(sql`${t.deletedAt} is null`),
    index('bots_company_idx').on(t.companyId),
  ],
);

/** Phone numbers that route inbound calls to a bot. */
export const phoneNumbers = sqliteTable(
  'phone_numbers',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull().references(() => companies.id),
    botId: text('bot_id').notNull().references(() => bots.id),
    number: text('number').notNull(),
    provider: text('provider', { enum: ['livekit', 'exolve', 'twilio'] }).notNull(),
    livekitTrunkId: text('livekit_trunk_id'),
    livekitDispatchRuleId: text('livekit_dispatch_rule_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('phone_numbers_number_uq').on(t.number), index('phone_numbers_bot_idx').on(t.botId)],
);

export const DOC_STATUSES = ['pending', 'processing', 'ready', 'failed'] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];

export const knowledgeDocs = sqliteTable(
  'knowledge_docs',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull().references(() => companies.id),
    botId: text('bot_id').notNull().references(() => bots.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    format: text('format', { enum: ['pdf', 'docx', 'txt', 'md', 'csv'] }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    r2Key: text('r2_key').notNull(),
    status: text('status', { enum: DOC_STATUSES }).notNull().default('pending'),
    error: text('error'),
    chunkCount: integer('chunk_count').notNull().default(0),
    pageCount: integer('page_count'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    // --- hardening (migrations/0002_hardening.sql): dedup per format, stale-doc sweeper ---
    uniqueIndex('knowledge_docs_bot_sha_uq').on(t.botId, t.sha256, t.format),
    index('knowledge_docs_status_updated_idx').on(t.status, t.updatedAt),
    index('knowledge_docs_bot_idx').on(t.botId),
  ],
);

/**
 * Chunks of ready (or being indexed) docs; the FTS5 index `knowledge_fts` holds their stems prefixed with a
 * per-bot key (see migrations/0001), keyed by `seq` — an INTEGER PRIMARY KEY, i.e. the stable rowid that VACUUM and export/import keep.
 */
export const knowledgeChunks = sqliteTable(
  'knowledge_chunks',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    docId: text('doc_id').notNull().references(() => knowledgeDocs.id),
    botId: text('bot_id').notNull(),
    companyId: text('company_id').notNull(),
    ord: integer('ord').notNull(),
    text: text('text').notNull(),
    normText: text('norm_text').notNull(),
    source: text('source').notNull(),
    page: integer('page'),
    section: text('section'),
    tokenCount: integer('token_count').notNull(),
  },
  (t) => [
    uniqueIndex('knowledge_chunks_id_uq').on(t.id),
    index('knowledge_chunks_doc_idx').on(t.docId),
    index('knowledge_chunks_bot_idx').on(t.botId),
  ],
);

export const CALL_STATUSES = ['received', 'processing', 'processed', 'failed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const calls = sqliteTable(
  'calls',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull().references(() => companies.id),
    botId: text('bot_id').notNull().references(() => bots.id),
    startedAt: integer('started_at').notNull(),
    endedAt: integer('ended_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    callerNumber: text('caller_number'),
    calledNumber: text('called_number'),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull().default('inbound'),
    channel: text('channel', { enum: ['phone', 'simulator', 'web'] }).notNull().default('phone'),
    status: text('status', { enum: CALL_STATUSES }).notNull().default('received'),
    endedBy: text('ended_by').notNull(),
    scenario: text('scenario'),
    outcome: text('outcome'),
    summary: text('summary'),
    turnCount: integer('turn_count').notNull().default(0),
    transcriptJson: text('transcript_json').notNull(),
    fieldsJson: text('fields_json').notNull().default('{}'),
    metricsJson: text('metrics_json').notNull().default('[]'),
    /** What an LLM extracted beyond the engine (caller name, intent, lead quality), zod-validated. */
    extractedJson: text('extracted_json'),
    processingError: text('processing_error'),
    processedAt: integer('processed_at'),
    createdAt: createdAt(),
    // --- data lifecycle (migrations/0004_lifecycle.sql) ---
    /** R2 key (CALLS bucket) of the transcript + turn metrics document; null: legacy row with them inline above. */
    transcriptKey: text('transcript_key'),
    /** Per-turn `total_ms` as a JSON number array: what analytics aggregates, kept in D1. */
    latenciesJson: text('latencies_json'),
    /** R2 key of the call recording (OGG), when the bot records calls. */
    recordingKey: text('recording_key'),
  },
  (t) => [
    index('calls_company_started_idx').on(t.companyId, t.startedAt),
    index('calls_bot_started_idx').on(t.botId, t.startedAt),
    index('calls_company_outcome_idx').on(t.companyId, t.outcome),
    index('calls_inline_transcript_idx').on(t.id).where(sql`${t.transcriptKey} is null`),
  ],
);

export const bookings = sqliteTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    callId: text('call_id').notNull().references(() => calls.id),
    companyId: text('company_id').notNull(),
    botId: text('bot_id').notNull(),
    outcome: text('outcome').notNull(),
    service: text('service'),
    date: text('date'),
    time: text('time'),
    phone: text('phone'),
    name: text('name'),
    fieldsJson: text('fields_json').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('bookings_call_uq').on(t.callId), index('bookings_company_idx').on(t.companyId)],
);

export const leads = sqliteTable(
  'leads',
  {
    id: text('id').primaryKey(),
    callId: text('call_id').notNull().references(() => calls.id),
    companyId: text('company_id').notNull(),
    botId: text('bot_id').notNull(),
    outcome: text('outcome').notNull(),
    name: text('name'),
    phone: text('phone'),
    intent: text('intent'),
    quality: text('quality'),
    fieldsJson: text('fields_json').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('leads_call_uq').on(t.callId), index('leads_company_idx').on(t.companyId)],
);

export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    companyId: text('company_id').notNull().references(() => companies.id),
    /** Null: every bot of the company. */
    botId: text('bot_id'),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    eventsJson: text('events_json').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [index('webhooks_company_idx').on(t.companyId)],
);

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    webhookId: text('webhook_id').notNull().references(() => webhooks.id),
    companyId: text('company_id').notNull(),
    callId: text('call_id'),
    eventType: text('event_type').notNull(),
    payloadJson: text('payload_json').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at'),
    deliveredAt: integer('delivered_at'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.webhookId, t.eventType, t.callId),
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
  ],
);

/** One row per HTTP attempt of a delivery. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: text('id').primaryKey(),
    deliveryId: text('delivery_id').notNull().references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: real('duration_ms'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId)],
);

/** SHA-256 (hex) of erased call ids (migrations/0005_erased_calls.sql): a repeated CallResult with one is refused. */
export const erasedCalls = sqliteTable('erased_calls', {
  idHash: text('id_hash').primaryKey(),
});

/** Queue messages that exhausted their retries; kept for inspection and replay. */
export const deadLetters = sqliteTable(
  'dead_letters',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    messageId: text('message_id').notNull(),
    bodyJson: text('body_json').notNull(),
    companyId: text('company_id'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dead_letters_msg_uq').on(t.queue, t.messageId)],
);

// Built-in booking calendar (issue 12).
export * from './schema-booking.ts';
// Reminder calls, do-not-call list, notifications (migrations/0006).
export * from './schema-outreach.ts';
// CRM integrations: amoCRM, Bitrix24 (migrations/0008).
export * from './schema-crm.ts';
