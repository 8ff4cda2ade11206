import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBotConfigText, type BotConfig } from '../../../core/config/index.ts';
import type { FieldValue } from '../../../core/engine/index.ts';
import { runDialogue, type DialogueRun } from './harness.ts';

/**
 * Businesses the engine was not tuned on (scenarios/unseen/*.yaml, written from the documented schema) and dialogues
 * for them whose expectations were written before they were run. The set as a whole must keep its pass rate: the
 * number is the goal, the failures are printed with their transcripts.
 */
// Baseline before the field-aware engine work: 22/60 (36.7%).
const MIN_PASS_RATE = 0.95;
// The held-out photo studio (scenarios/unseen/holdout.yaml): 9/12 on its first run, 11/12 after two general fixes (a
// question the config's facts answer is answered even when it names a booking; a free-text answer that names another
// option describes, it changes no choice). The miss left is open work.
const MIN_HOLDOUT_RATE = 0.9;

interface UnseenDialogue {
  name: string;
  lines: (string | number)[];
  now?: string;
  caller?: string;
  outcome?: string | null;
  fields?: Record<string, FieldValue>;
  absent?: string[];
  says?: string[];
  kb?: number;
  transfer?: boolean;
}

const dir = fileURLToPath(new URL('../../../scenarios/unseen/', import.meta.url));
const load = (file: string) => parse(readFileSync(`${dir}${file}`, 'utf8')) as Record<string, UnseenDialogue[]>;

function loadUnseen(bot: string): BotConfig {
  const parsed = parseBotConfigText(readFileSync(`${dir}${bot}.yaml`, 'utf8'));
  if (!parsed.ok) throw new Error(`${bot}: ${JSON.stringify(parsed.issues)}`);
  return parsed.config;
}

/** "~text": contains; "/re/flags": matches; anything else: equal (numbers compared as numbers). */
function fieldMatches(expected: FieldValue, actual: FieldValue | undefined): boolean {
  if (actual === undefined) return false;
  if (typeof expected === 'number') return actual === expected;
  if (expected.startsWith('~')) return String(actual).toLowerCase().includes(expected.slice(1).toLowerCase());
  const re = /^\/(.*)\/([a-z]*)$/s.exec(expected);
  if (re) return new RegExp(re[1]!, `${re[2]!}u`).test(String(actual));
  return String(actual) === expected;
}

/** What is wrong with a run, or [] when it met every expectation. */
export function misses(d: UnseenDialogue, run: DialogueRun): string[] {
  const out: string[] = [];
  if (d.outcome !== undefined && run.outcome !== d.outcome) out.push(`outcome ${run.outcome} ≠ ${d.outcome}`);
  for (const [field, value] of Object.entries(d.fields ?? {})) {
    if (!fieldMatches(value, run.fields[field])) out.push(`${field}: ${JSON.stringify(run.fields[field])} ≠ ${JSON.stringify(value)}`);
  }
  for (const field of d.absent ?? []) if (run.fields[field] !== undefined) out.push(`${field} should be empty: ${run.fields[field]}`);
  let from = 0;
  for (const pattern of d.says ?? []) {
    const re = new RegExp(pattern, 'iu');
    const idx = run.replies.findIndex((r, i) => i >= from && re.test(r));
    if (idx < 0) out.push(`never said /${pattern}/`);
    else from = idx + 1;
  }
  if (d.kb !== undefined && run.knowledgeQueries.length !== d.kb) out.push(`knowledge requests ${run.knowledgeQueries.length} ≠ ${d.kb}`);
  const transferred = run.actions.some((a) => a.type === 'transfer');
  if ((d.transfer ?? false) !== transferred) out.push(transferred ? 'transferred unexpectedly' : 'no transfer');
  return out;
}

/** Runs every dialogue of a set; returns the pass rate and prints the failures with their transcripts. */
function passRate(title: string, sets: Record<string, UnseenDialogue[]>): { rate: number; total: number } {
    let total = 0;
    const failed: string[] = [];
    for (const [bot, dialogues] of Object.entries(sets)) {
      const config = loadUnseen(bot);
      for (const d of dialogues) {
        total += 1;
        const run = runDialogue(config, d.lines.map(String), {}, {
          ...(d.now ? { now: new Date(d.now) } : {}),
          ...(d.caller ? { caller: d.caller } : {}),
        });
        const why = misses(d, run);
        if (why.length) failed.push(`✗ ${bot}: ${d.name}\n  ${why.join('\n  ')}\n${run.transcript.replace(/^/gm, '    ')}`);
      }
    }
    const rate = (total - failed.length) / total;
    console.log(`${title}: ${total - failed.length}/${total} dialogues pass (${(rate * 100).toFixed(1)}%)\n${failed.join('\n')}`);
    return { rate, total };
}

describe('unseen businesses', () => {
  it(`pass at least ${MIN_PASS_RATE * 100}% of their dialogues`, () => {
    const { rate, total } = passRate('unseen businesses', load('dialogues.yaml'));
    expect(total).toBeGreaterThanOrEqual(60);
    expect(rate).toBeGreaterThanOrEqual(MIN_PASS_RATE);
  });

  it(`pass at least ${MIN_HOLDOUT_RATE * 100}% of the held-out set written after the engine work`, () => {
    const { rate } = passRate('held-out business', load('holdout.yaml'));
    expect(rate).toBeGreaterThanOrEqual(MIN_HOLDOUT_RATE);
  });
});
