import { z } from 'zod';
import type { BotConfig } from '../../core/config/index.ts';
import { transcriptText, type CallFacts } from './call-facts.ts';
import { chatOnce, type LlmOptions } from './llm.ts';

export const LEAD_QUALITIES = ['hot', 'warm', 'cold'] as const;

/** What an LLM may add beyond the engine. Anything that does not fit is discarded as a whole. */
export const CallExtrasSchema = z.object({
  caller_name: z.string().trim().min(1).max(100).nullable().default(null),
  intent: z.string().trim().min(1).max(300).nullable().default(null),
  lead_quality: z.enum(LEAD_QUALITIES).nullable().default(null),
});
export type CallExtras = z.infer<typeof CallExtrasSchema>;

/** The post-call outcome: the engine's outcome and fields are the truth; `extracted` is the LLM's addition, if any. */
export interface Outcome {
  outcome: string | null;
  fields: Record<string, string | number>;
  extracted: CallExtras | null;
}

/** JSON schema handed to Ollama's structured output (`format`). */
const EXTRAS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    caller_name: { type: ['string', 'null'] },
    intent: { type: ['string', 'null'] },
    lead_quality: { type: ['string', 'null'], enum: [...LEAD_QUALITIES, null] },
  },
  required: ['caller_name', 'intent', 'lead_quality'],
};

const EXTRACT_SYSTEM_PROMPT =
  'Ты извлекаешь данные из расшифровки телефонного звонка в бизнес. Ответь только JSON-объектом с полями: ' +
  'caller_name — имя звонящего, если он его назвал, иначе null; ' +
  'intent — цель звонка одной короткой фразой по-русски; ' +
  'lead_quality — "hot" (готов записаться или купить сейчас), "warm" (интересуется, нужен повторный контакт), ' +
  '"cold" (не заинтересован, ошибся номером, спам) или null. Ничего не придумывай.';

/**
 * Parses the LLM's reply: JSON, validated by {@link CallExtrasSchema}. Invalid output → null (ignored, not stored);
 * an all-null object → null as well.
 */
export function parseExtras(reply: string): CallExtras | null {
  let json: unknown;
  try {
    json = JSON.parse(reply.trim().replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return null;
  }
  const parsed = CallExtrasSchema.safeParse(json);
  if (!parsed.success) return null;
  const x = parsed.data;
  return x.caller_name || x.intent || x.lead_quality ? x : null;
}

/**
 * The call's outcome. Without an LLM (or when it fails or answers nonsense) `extracted` is null.
 * Never throws.
 */
export async function extractOutcome(facts: CallFacts, config: BotConfig | null, llm: LlmOptions | null): Promise<Outcome> {
  const base: Outcome = { outcome: facts.outcome, fields: { ...facts.fields }, extracted: null };
  if (!llm || !facts.turns.some((t) => t.role === 'caller' && t.text.trim())) return base;
  const scenarios = config?.scenarios.map((s) => s.name).join(', ');
  const user = [
    config?.company?.name ? `Компания: ${config.company.name}.` : null,
    scenarios ? `Сценарии бота: ${scenarios}.` : null,
    `Итог по сценарию: ${facts.outcome ?? 'нет'}.`,
    '',
    transcriptText(facts.turns),
  ].filter((l) => l !== null).join('\n');
  try {
    const reply = await chatOnce(llm, [{ role: 'system', content: EXTRACT_SYSTEM_PROMPT }, { role: 'user', content: user }], EXTRAS_JSON_SCHEMA);
    const extracted = parseExtras(reply);
    if (!extracted) console.warn(JSON.stringify({ msg: 'llm extraction ignored: invalid output', callId: facts.id }));
    return { ...base, extracted };
  } catch (err) {
    console.warn(JSON.stringify({ msg: 'llm extraction failed', callId: facts.id, error: String(err) }));
    return base;
  }
}
