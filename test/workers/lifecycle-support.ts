import { env } from 'cloudflare:workers';
import type { CallResultInput } from '../../core/call-result.ts';
import type { LifecycleJob } from '../../workers/lifecycle/consumer.ts';
import { callResult, message, runQueue, secondsAfter } from './postcall-support.ts';

export { callRow, postCall } from './postcall-support.ts';

/** A salon call in phone-style Russian; from the second caller turn on, its words appear only in the transcript (the summary quotes the first request). */
export function phoneCall(botId: string, overrides: Partial<CallResultInput> = {}): CallResultInput {
  const at = secondsAfter(overrides.started_at ?? undefined);
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

/** Runs the Worker's real queue handler on lifecycle messages; returns acks/retries. */
export function runLifecycle(jobs: LifecycleJob[]) {
  return runQueue('voicebot-lifecycle', jobs.map((body) => message(body)));
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
