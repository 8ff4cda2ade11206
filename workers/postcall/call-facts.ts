import { z } from 'zod';
import { FieldValueSchema, TurnMetricsSchema, TurnSchema, type EndedBy, type Turn, type TurnMetrics } from '../../core/call-result.ts';
import type { schema } from '../db/client.ts';

export type CallRow = typeof schema.calls.$inferSelect;

/** What post-call processing knows about one stored call, parsed back from its D1 row. */
export interface CallFacts {
  id: string;
  companyId: string;
  botId: string;
  startedAt: number;
  durationMs: number;
  callerNumber: string | null;
  scenario: string | null;
  /** The scenario engine's outcome: the source of truth. */
  outcome: string | null;
  /** The scenario engine's collected fields: the source of truth. */
  fields: Record<string, string | number>;
  endedBy: EndedBy | string;
  turns: Turn[];
  metrics: TurnMetrics[];
}

const TurnsSchema = z.array(TurnSchema);
const FieldsSchema = z.record(z.string(), FieldValueSchema);
const MetricsSchema = z.array(TurnMetricsSchema);

function parseJson<T>(text: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (!text) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Facts from a `calls` row; JSON columns that do not parse are treated as empty rather than failing the job. */
export function factsFromRow(row: CallRow): CallFacts {
  return {
    id: row.id,
    companyId: row.companyId,
    botId: row.botId,
    startedAt: row.startedAt,
    durationMs: row.durationMs,
    callerNumber: row.callerNumber,
    scenario: row.scenario,
    outcome: row.outcome,
    fields: parseJson(row.fieldsJson, FieldsSchema, {}),
    endedBy: row.endedBy,
    turns: parseJson(row.transcriptJson, TurnsSchema, []),
    metrics: parseJson(row.metricsJson, MetricsSchema, []),
  };
}

/** The transcript as plain lines, `Бот: …` / `Клиент: …`, the form both LLM prompts use. */
export function transcriptText(turns: readonly Turn[], maxChars = 12_000): string {
  const lines = turns.filter((t) => t.text.trim()).map((t) => `${t.role === 'bot' ? 'Бот' : 'Клиент'}: ${t.text.trim()}`);
  let text = lines.join('\n');
  // Keep the end of very long calls: the outcome is decided there.
  if (text.length > maxChars) text = `…\n${text.slice(text.length - maxChars)}`;
  return text;
}
