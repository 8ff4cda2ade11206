import type { BotConfig } from '../../core/config/index.ts';
import { toNominative } from '../../core/text/index.ts';
import { BOOKING_CANCELLED, BOOKING_RESCHEDULED, bookingChange } from './booking-change.ts';
import { transcriptText, type CallFacts } from './call-facts.ts';
import { chatOnce, type LlmOptions } from './llm.ts';

const OUTCOME_LABELS: Record<string, string> = {
  booking_created: 'запись создана',
  [BOOKING_CANCELLED]: 'запись отменена',
  [BOOKING_RESCHEDULED]: 'запись перенесена',
  callback_requested: 'запрошен обратный звонок',
  transferred: 'звонок переведён на сотрудника',
  wrong_number: 'звонящий ошибся номером',
  no_intent: 'клиент не сказал, что ему нужно',
  lead_qualified: 'заявка квалифицирована',
};

const FIELD_LABELS: Record<string, string> = {
  service: 'услуга',
  date: 'дата',
  time: 'время',
  phone: 'телефон',
  name: 'имя',
  doctor: 'врач',
  specialist: 'специалист',
  master: 'мастер',
  car: 'автомобиль',
  car_model: 'модель автомобиля',
  problem: 'проблема',
  reason: 'причина',
  comment: 'комментарий',
  email: 'email',
  callback_reason: 'почему перезвонить',
  booking_id: 'номер записи',
};

const ENDED_BY_LABELS: Record<string, string> = {
  bot: 'завершил бот',
  caller: 'завершил клиент',
  max_turns: 'прерван по лимиту реплик',
  silence: 'завершён из-за тишины',
  error: 'прерван из-за ошибки',
  transfer: 'переведён на сотрудника',
};

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** Russian plural form for a count: plural(5, ['реплика', 'реплики', 'реплик']) → 'реплик'. */
function plural(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/**
 * A field value as the summary shows it: dates in words, phones without spaces, and names of things in the
 * nominative ("услуга — стрижка"), whether the engine stored them so or as said ("стрижку").
 */
function formatValue(name: string, value: string | number): string {
  const iso = typeof value === 'string' ? value.match(/^(\d{4})-(\d{2})-(\d{2})$/) : null;
  if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) return `${Number(iso[3])} ${MONTHS[Number(iso[2]) - 1]} ${iso[1]}`;
  if (name === 'phone') return String(value).replace(/\s+/g, '');
  return typeof value === 'string' && !/[\d@]/.test(value) ? toNominative(value) : String(value);
}

function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const min = Math.floor(total / 60);
  if (min === 0) return `${total} с`;
  return total % 60 ? `${min} мин ${total % 60} с` : `${min} мин`;
}

/** Fields in the order the bot's scenarios collect them, then any others alphabetically. */
function orderedFields(fields: Record<string, string | number>, config: BotConfig | null): [string, string | number][] {
  const order = config?.scenarios.flatMap((s) => s.collect_fields.map((f) => f.name)) ?? [];
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.entries(fields)
    .filter(([, v]) => String(v).trim() !== '')
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The outcome in words, e.g. 'запись создана'; unknown outcomes are quoted as they are. */
export function outcomeLabel(outcome: string | null): string {
  if (!outcome) return 'без результата';
  return OUTCOME_LABELS[outcome] ?? `«${outcome}»`;
}

/**
 * The outcome with the booking it changed: 'запись перенесена на 27 ноября 2026, 18:00 (маникюр, мастер Ольга)',
 * 'запись отменена: маникюр, 28 ноября 2026, 15:00'; other outcomes as {@link outcomeLabel}.
 */
export function outcomeSentence(facts: Pick<CallFacts, 'outcome' | 'fields' | 'turns' | 'startedAt'>): string {
  const change = bookingChange(facts);
  const label = outcomeLabel(facts.outcome);
  if (!change) return label;
  const join = (parts: (string | null)[]) => parts.filter(Boolean).join(', ');
  const when = join([change.date ? formatValue('date', change.date) : null, change.time]);
  const service = change.service ? formatValue('service', change.service) : null;
  const staff = change.staff ? `мастер ${change.staff}` : null;
  if (facts.outcome === BOOKING_RESCHEDULED) {
    const what = join([service, staff]);
    return `${label}${when ? ` на ${when}` : ''}${what ? ` (${what})` : ''}`;
  }
  const details = join([service, when, staff]);
  return details ? `${label}: ${details}` : label;
}

/** The caller's first non-empty utterance, cut to `max` characters. */
export function firstRequest(facts: Pick<CallFacts, 'turns'>, max = 160): string | null {
  const text = facts.turns.find((t) => t.role === 'caller' && t.text.trim())?.text.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * The summary without an LLM: outcome, collected fields, the caller's first request, length of the call.
 * Never empty.
 * @example 'Итог: запись создана. Данные: услуга — маникюр; дата — 21 ноября 2026; … Запрос клиента: «…». Звонок 1 мин 25 с, 8 реплик, завершил бот.'
 */
export function deterministicSummary(facts: CallFacts, config: BotConfig | null): string {
  const parts = [`Итог: ${outcomeSentence(facts)}.`];
  const fields = orderedFields(facts.fields, config);
  if (fields.length) {
    parts.push(`Данные: ${fields.map(([k, v]) => `${FIELD_LABELS[k] ?? k.replace(/_/g, ' ')} — ${formatValue(k, v)}`).join('; ')}.`);
  }
  const request = firstRequest(facts);
  parts.push(request ? `Запрос клиента: «${request}».` : 'Клиент ничего не сказал.');
  const n = facts.turns.length;
  const ended = ENDED_BY_LABELS[facts.endedBy] ?? `завершение: ${facts.endedBy}`;
  parts.push(`Звонок ${formatDuration(facts.durationMs)}, ${n} ${plural(n, ['реплика', 'реплики', 'реплик'])}, ${ended}.`);
  return parts.join(' ');
}

const SUMMARY_SYSTEM_PROMPT =
  'Ты пишешь краткое резюме телефонного разговора для владельца бизнеса. ' +
  'Пиши по-русски, 1–3 предложения, деловым тоном, без markdown и без вступлений. ' +
  'Используй только факты из разговора и из блока «Итог»: ничего не придумывай.';

const MAX_SUMMARY_CHARS = 1000;

/**
 * A short Russian summary: from the LLM when `llm` is given (falling back on error, timeout or empty
 * output), otherwise {@link deterministicSummary}. Never empty, never throws.
 */
export async function generateSummary(facts: CallFacts, config: BotConfig | null, llm: LlmOptions | null): Promise<{ summary: string; source: 'llm' | 'template' }> {
  const fallback = { summary: deterministicSummary(facts, config), source: 'template' as const };
  if (!llm || facts.turns.length === 0) return fallback;
  const known = orderedFields(facts.fields, config).map(([k, v]) => `${k}=${formatValue(k, v)}`).join(', ') || 'нет';
  const user = [
    config?.company?.name ? `Компания: ${config.company.name}.` : null,
    `Итог по сценарию: ${outcomeSentence(facts)}. Собранные данные: ${known}.`,
    '',
    'Расшифровка:',
    transcriptText(facts.turns),
  ].filter((l) => l !== null).join('\n');
  try {
    const text = (await chatOnce(llm, [{ role: 'system', content: SUMMARY_SYSTEM_PROMPT }, { role: 'user', content: user }])).trim();
    if (!text) return fallback;
    return { summary: text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS - 1)}…` : text, source: 'llm' };
  } catch (err) {
    console.warn(JSON.stringify({ msg: 'llm summary failed, using template', callId: facts.id, error: String(err) }));
    return fallback;
  }
}
