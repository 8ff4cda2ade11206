import { z } from '@hono/zod-openapi';
import type { BotConfig } from '../../core/config/index.ts';
import { runConfigTests } from '../../core/engine/index.ts';

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
 * engine here in the Worker (pure core code, no I/O) and nothing is saved.
 */
export function dryRunConfig(config: BotConfig, now: Date): DryRun {
  const tests = runConfigTests(config, now);
  return { dry_run: true, valid: true, saved: false, passed: tests.every((t) => t.passed), tests };
}
