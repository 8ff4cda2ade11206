import type { FieldKind } from './field-kind.ts';
import { daysBetween, weekday } from './calendar.ts';
import type { LanguagePack } from './templates/index.ts';
import type { FieldValue } from './types.ts';

/**
 * A normalized date as the bot says it: "завтра, 26 ноября", "в пятницу, 27 ноября" (weekday within two weeks),
 * "15 января 2028 года" (the year only when the date is more than half a year away).
 */
export function formatDateForSpeech(iso: string, today: string, pack: LanguagePack): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  const { speech } = pack;
  const days = daysBetween(today, iso);
  let dayMonth = `${d} ${speech.monthsGenitive[m - 1]}`;
  if (Math.abs(days) > 183) dayMonth += ` ${speech.year(y)}`;
  if (days === 0) return `${speech.today}, ${dayMonth}`;
  if (days === 1) return `${speech.tomorrow}, ${dayMonth}`;
  if (days > 1 && days < 14) return `${speech.weekdayWithPreposition[weekday(iso)]}, ${dayMonth}`;
  return dayMonth;
}

/** "+79161234567" → "+7 916 123-45-67"; anything else unchanged. */
export function formatPhoneForSpeech(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : e164;
}

/** A field's own read-back words from its config: `label` ("возраст питомца") and, for numbers, `unit` ("лет"). */
export interface SpeechLabel {
  label?: string | undefined;
  unit?: string | undefined;
}

/**
 * One read-back part for a field value, e.g. "в 11:00", "телефон +7 916 123-45-67", "специалист: хирург",
 * "возраст питомца: 3 года" (with the field's `label` and `unit`).
 */
export function formatValueForSpeech(
  value: FieldValue,
  kind: FieldKind,
  fieldName: string,
  today: string,
  pack: LanguagePack,
  own: SpeechLabel = {},
): string {
  const { speech } = pack;
  const text = kind === 'number' && own.unit && typeof value === 'number' ? speech.withUnit(value, own.unit) : String(value);
  if (own.label && kind !== 'date' && kind !== 'time') {
    return `${own.label}: ${kind === 'phone' ? formatPhoneForSpeech(text) : text}`;
  }
  switch (kind) {
    case 'date':
      return formatDateForSpeech(text, today, pack);
    case 'time':
      return speech.time(text);
    case 'phone':
      return `${speech.labels.phone} ${formatPhoneForSpeech(text)}`;
    case 'name':
      return `${speech.labels.name} ${text}`;
    default: {
      const label = speech.labels[fieldName] ?? (kind === 'number' ? speech.labels.number : undefined);
      return label ? `${label}: ${text}` : text;
    }
  }
}
