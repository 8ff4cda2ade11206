import type { Env } from './env.ts';
import { sweepStaleDocs } from './knowledge/sweeper.ts';
import { enqueueRetention } from './lifecycle/retention-sweep.ts';
import { planReminders } from './reminders/plan.ts';

/** A job run by a Cron Trigger; `cron` must also be listed in wrangler.toml `[triggers] crons`. */
export interface ScheduledJob {
  name: string;
  cron: string;
  run(env: Env, scheduledTime: number): Promise<unknown>;
}

/** Every scheduled job of the Worker. */
export const scheduledJobs: ScheduledJob[] = [
  { name: 'retention', cron: '0 3 * * *', run: (env, at) => enqueueRetention(env, at) },
  { name: 'stale-knowledge-docs', cron: '*/15 * * * *', run: (env, at) => sweepStaleDocs(env, at) },
  { name: 'reminder-calls', cron: '*/15 * * * *', run: (env, at) => planReminders(env, at) },
];

/**
 * The Worker's `scheduled` handler: runs the jobs registered for the firing cron; one job's failure does not stop
 * the others, and is rethrown afterwards so the run shows as failed.
 */
export async function runScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const due = scheduledJobs.filter((j) => j.cron === controller.cron);
  const results = await Promise.allSettled(due.map((j) => j.run(env, controller.scheduledTime)));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${due[i]!.name}: ${String(r.reason)}`] : []));
  if (failed.length) throw new Error(`scheduled jobs failed: ${failed.join('; ')}`);
}
