import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import type { CallResultInput } from '../../core/call-result.ts';
import { db, schema } from '../../workers/db/client.ts';
import type { LifecycleJob } from '../../workers/lifecycle/consumer.ts';
import worker from '../../workers/index.ts';
import { callResult, waitFor } from './postcall-support.ts';
import { api, SERVICE_TOKEN } from './support.ts';

let seq = 0;

/** A salon call in phone-style Russian; from the second caller turn on, its words appear only in the transcript (the summary quotes the first request). */
export function phoneCall(botId: string, overrides: Partial<CallResultInput> = {}): CallResultInput {
  const at = (s: number) => new Date(Date.parse(String(overrides.started_at ?? '2026-11-20T09:00:00Z')) + s * 1000).toISOString();
  return callResult(botId, {
    started_at: at(0),
    ended_at: at(70),
    turns: [
      { role: 'bot', text: 'салон красоты элегант здравствуйте чем могу помочь', at: at(0), source: 'scripted' },
      { role: 'caller', text: 'ну эээ короче хочу на маникюр в пятницу', at: at(5) },
      { role: 'bot', text: 'в какое время вам удобно', at: at(8), source: 'scripted' },
      { role: 'caller', text: 'часа в три наверное', at: at(14) },
      { role: 'bot', text: 'записала вас до встречи', at: at(18), source: 'scripted' },
    ],
    ...overrides,
  });
}

/** Posts a CallResult like the agent-host does and waits until post-call processing has finished. */
export async function postCall(result: CallResultInput) {
  const res = await api('POST', '/internal/calls', { key: SERVICE_TOKEN, body: result });
  if (res.status !== 202) throw new Error(`intake: ${res.status} ${JSON.stringify(res.body)}`);
  return waitFor(async () => {
    const row = await callRow(result.call_id!);
    return row?.status === 'processed' ? row : null;
  }, 20_000);
}

export const callRow = (id: string) => db(env.DB).select().from(schema.calls).where(eq(schema.calls.id, id)).get();

/** Runs the Worker's real queue handler on lifecycle messages; returns acks/retries. */
export async function runLifecycle(jobs: LifecycleJob[]) {
  const batch = createMessageBatch<LifecycleJob>('voicebot-lifecycle', jobs.map((body) => ({ id: `lc-${++seq}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<never>, env);
  return getQueueResult(batch, ctx);
}

/** Every row of every table (but `except`), as text: for "nothing left" checks. */
export async function wholeDatabaseText(opts: { except?: string[] } = {}): Promise<string> {
  const tables = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_cf\\_%' escape '\\' and name not like 'd1_%' and name not like 'knowledge_fts%'",
  ).all<{ name: string }>();
  const dumps = await Promise.all(tables.results.filter(({ name }) => !opts.except?.includes(name)).map(async ({ name }) => JSON.stringify((await env.DB.prepare(`select * from "${name}"`).all()).results)));
  return dumps.join('\n');
}

/** Keys in the calls bucket under a prefix. */
export async function r2Keys(prefix: string): Promise<string[]> {
  const listed = await env.CALLS.list({ prefix });
  return listed.objects.map((o) => o.key);
}
