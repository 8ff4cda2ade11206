import type { D1Migration } from 'cloudflare:test';
import type { LifecycleJob } from './lifecycle/consumer.ts';
import type { ReminderJob } from './reminders/plan.ts';

/** Message on INGEST_QUEUE: index one uploaded knowledge document. */
export interface IngestJob {
  docId: string;
  botId: string;
  companyId: string;
}

/** Message on POSTCALL_QUEUE: process one stored call (summary, outcome, webhooks). */
export interface PostcallJob {
  callId: string;
  /** Set for a manual webhook redelivery: only that delivery is (re)sent. */
  deliveryId?: string;
}

/** Bindings, vars and secrets of the Worker (wrangler.toml, `.dev.vars`, `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  /** Call transcripts (`calls/…`) and recordings (`recordings/…`); see workers/calls/. */
  CALLS: R2Bucket;
  INGEST_QUEUE: Queue<IngestJob>;
  POSTCALL_QUEUE: Queue<PostcallJob>;
  /** Reminder calls to dial (workers/reminders/consumer.ts), queued by the reminders Cron Trigger. */
  REMINDER_QUEUE: Queue<ReminderJob>;
  /** Data lifecycle steps (retention, transcript migration): workers/lifecycle/consumer.ts. */
  LIFECYCLE_QUEUE: Queue<LifecycleJob>;
  /** Platform admin key: creates companies. */
  ADMIN_API_KEY: string;
  /** Service token shared with the agent-host (`/internal/*`, knowledge search). */
  AGENT_HOST_TOKEN?: string;
  PUBLIC_BASE_URL?: string;
  /** HMAC secret of recording links (GET /calls/{id} → recording.url); default: derived from ADMIN_API_KEY. */
  RECORDING_LINK_SECRET?: string;
  WEBHOOK_ALLOW_HTTP_LOCALHOST?: string;
  /** HMAC secret of panel session cookies; default: derived from ADMIN_API_KEY. */
  SESSION_SECRET?: string;
  OLLAMA_URL?: string;
  OLLAMA_MODEL?: string;
  OLLAMA_EMBED_MODEL?: string;
  QDRANT_URL?: string;
  QDRANT_API_KEY?: string;
  QDRANT_COLLECTION?: string;
  LIVEKIT_URL?: string;
  LIVEKIT_API_KEY?: string;
  LIVEKIT_API_SECRET?: string;
  LIVEKIT_SIP_URI?: string;
  /** Outbound trunk (`ST_…`) used by POST /bots/{id}/calls. */
  LIVEKIT_SIP_OUTBOUND_TRUNK_ID?: string;
  /** Dispatch name of the agent-host worker (default DEFAULT_AGENT_NAME from core). */
  AGENT_NAME?: string;
  /** MTS Exolve application API key: `exolve` numbers get their call forwarding set to LiveKit; customers' SMS. */
  EXOLVE_API_KEY?: string;
  /** Exolve API root (tests, proxies); default https://api.exolve.ru. */
  EXOLVE_BASE_URL?: string;
  /** Platform Telegram bot (BotFather token, a Worker secret): owners' instant notifications. */
  TELEGRAM_BOT_TOKEN?: string;
  /** Telegram Bot API root (tests, proxies); default https://api.telegram.org. */
  TELEGRAM_API_BASE_URL?: string;
  /** Encrypts CRM tokens and webhook URLs at rest (AES-GCM; a Worker secret, any long random string). */
  CRM_TOKEN_KEY?: string;
  /** Only in tests (vitest config): the D1 migrations to apply. */
  TEST_MIGRATIONS?: D1Migration[];
}

/** Hono environment shared by the app, every sub-app and every middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The authenticated company (company key), absent for admin/service calls. */
    companyId: string;
    /** How the request was authenticated. */
    principal: 'company' | 'admin' | 'service';
    /** Set when a person is signed in to the panel (session cookie) rather than a machine with a key. */
    panelUser?: { id: string; role: 'admin' | 'member'; email: string };
  };
};
