import { z } from '@hono/zod-openapi';
import type { BotConfig } from '../../core/config/index.ts';
import { runConfigTests } from '../../core/engine/index.ts';
import { botBookingServices } from '../booking/engine-services.ts';
import type { BookingBot, BookingEnv } from '../booking/select.ts';

export const ConfigTestResultSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  failures: z.array(z.string()).describe('What differed from `expect`, one line each'),
  outcome: z.string().nullable(),
  ended_by: z.string().nullable(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  transcript: z.array(z.object({ role: z.enum(['bot', 'caller']), text: z.string() })),
});

export const DryRunSchema = z.object({
  dry_run: z.literal(true),
  valid: z.literal(true).describe('The config validated (an invalid one is a 422 as without dry_run)'),
  saved: z.literal(false),
  passed: z.boolean().describe('Every test passed (true when there are none)'),
  tests: z.array(ConfigTestResultSchema),
});
export type DryRun = z.infer<typeof DryRunSchema>;

/**
 * `PUT /bots/{id}/config?dry_run=true`: the config already validated; its `tests:` run through the scenario
 * engine here in the Worker and nothing is saved. Tests that state no `availability:` of a bot with `booking:` read
 * the bot's real availability (booking, moving and cancelling nothing).
 */
export async function dryRunConfig(env: BookingEnv, bot: BookingBot, config: BotConfig, now: Date): Promise<DryRun> {
  const tests = await runConfigTests(config, now, (at) => botBookingServices(env, bot, config, at, { write: false, keyOf: (op) => ('idempotencyKey' in op ? op.idempotencyKey : 'dry-run') }) ?? {});
  return { dry_run: true, valid: true, saved: false, passed: tests.every((t) => t.passed), tests };
}
