import { env } from 'cloudflare:workers';
import type { CallResultInput } from '../../core/call-result.ts';
import type { LifecycleJob } from '../../workers/lifecycle/consumer.ts';
import { CALL_START, callResult, message, runQueue, secondsAfter, spokenTurns } from './postcall-support.ts';

export { callRow, postCall } from './postcall-support.ts';

/** A salon call in phone-style Russian; from the second caller turn on, its words appear only in the transcript (the summary quotes the first request). */
export function phoneCall(botId: string, overrides: Partial<CallResultInput> = {}): CallResultInput {
  const start = overrides.started_at ?? CALL_START;
  return callResult(botId, {
    started_at: start,
    ended_at: secondsAfter(start)(70),
    turns: spokenTurns([
      [0, 'bot', 'салон красоты элегант здравствуйте чем могу помочь'],
      [5, 'caller', 'ну эээ короче хочу на маникюр в пятницу'],
      [8, 'bot', 'в какое время вам удобно'],
      [14, 'caller', 'часа в три наверное'],
      [18, 'bot', 'записала вас до встречи'],
    ], start),
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
