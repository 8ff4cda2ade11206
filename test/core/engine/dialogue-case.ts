import { expect, it } from 'vitest';
import type { EndedBy, ReplySource } from '../../../core/call-result.ts';
import type { BotConfig } from '../../../core/config/index.ts';
import type { FieldValue } from '../../../core/engine/index.ts';
import { runDialogue, type FakeKnowledge } from './harness.ts';

/** One realistic dialogue: caller lines in, expected result out. */
export interface DialogueCase {
  name: string;
  lines: string[];
  knowledge?: FakeKnowledge;
  outcome: string | null;
  fields: Record<string, FieldValue>;
  /** null: the caller hung up (the lines ran out) while the call was still open. */
  endedBy: EndedBy | null;
  /** Phrases that must appear in the bot's replies, in this order. */
  says?: (string | RegExp)[];
  /** Number of knowledge requests the engine made. */
  knowledgeRequests?: number;
  /** Source of the bot's last reply. */
  lastSource?: ReplySource;
  /** Caller ID given to the dialog. */
  caller?: string;
  /** "Now" for this dialogue (default the harness's Wednesday 10:00). */
  now?: Date;
  /** Where the call was transferred (a `transfer` action), if it was. */
  transferTo?: string;
  /** Phrases the bot must never say. */
  neverSays?: (string | RegExp)[];
}

/** Registers one vitest case per dialogue; failures print the whole transcript. */
export function dialogueTests(config: BotConfig, cases: readonly DialogueCase[]): void {
  for (const c of cases) {
    it(c.name, () => {
      const run = runDialogue(config, c.lines, c.knowledge, { ...(c.caller ? { caller: c.caller } : {}), ...(c.now ? { now: c.now } : {}) });
      const why = `\n${run.transcript}\n`;
      expect(run.fields, why).toEqual(c.fields);
      expect(run.outcome, why).toBe(c.outcome);
      expect(run.endedBy, why).toBe(c.endedBy);
      let from = 0;
      for (const phrase of c.says ?? []) {
        const idx = run.replies.findIndex(
          (r, i) => i >= from && (typeof phrase === 'string' ? r.includes(phrase) : phrase.test(r)),
        );
        expect(idx, `bot never said ${String(phrase)} (after reply #${from})${why}`).toBeGreaterThanOrEqual(0);
        from = idx + 1;
      }
      if (c.knowledgeRequests !== undefined) expect(run.knowledgeQueries.length, why).toBe(c.knowledgeRequests);
      if (c.lastSource) expect(run.sources.at(-1), why).toBe(c.lastSource);
      if (c.transferTo !== undefined) {
        const transfer = run.actions.find((a) => a.type === 'transfer');
        expect(transfer, why).toEqual({ type: 'transfer', to: c.transferTo });
      } else {
        expect(run.actions.some((a) => a.type === 'transfer'), why).toBe(false);
      }
      for (const phrase of c.neverSays ?? []) {
        const said = run.replies.some((r) => (typeof phrase === 'string' ? r.includes(phrase) : phrase.test(r)));
        expect(said, `bot said ${String(phrase)}${why}`).toBe(false);
      }
    });
  }
}
