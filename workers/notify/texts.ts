import { weekday } from '../../core/engine/calendar.ts';
import { ru } from '../../core/engine/templates/ru.ts';
import { toNominative } from '../../core/text/index.ts';
import type { NotificationEvent } from './events.ts';

/** The key facts of a call's booking or callback request, as the post-call rows hold them. */
export interface NoticeFacts {
  company: string;
  service: string | null;
  /** `YYYY-MM-DD` */
  date: string | null;
  /** `HH:MM` */
  time: string | null;
  name: string | null;
  phone: string | null;
  /** What the caller wanted (callback requests). */
  reason: string | null;
  /** Where the owner opens the call in the panel. */
  link: string;
}

const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];

/** "2026-11-21" → "пт, 21 ноября"; anything else unchanged. */
export function shortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${WEEKDAYS[weekday(iso)]}, ${Number(m[3])} ${ru.speech.monthsGenitive[Number(m[2]) - 1]}`;
}

const when = (f: NoticeFacts) => [f.date ? shortDate(f.date) : null, f.time].filter(Boolean).join(', ');
const service = (f: NoticeFacts) => (f.service ? toNominative(f.service) : null);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const client = (f: NoticeFacts) => [f.name, f.phone].filter(Boolean).join(', ') || 'не представился';

const TITLES: Record<NotificationEvent, string> = {
  'booking.created': 'Новая запись',
  'booking.cancelled': 'Запись отменена',
  'booking.rescheduled': 'Запись перенесена',
  'booking.confirmed': 'Клиент подтвердил запись',
  'callback.requested': 'Просят перезвонить',
};

/**
 * The owner's Telegram message: what happened, the booking (service, day, time) or the request, who, and the link.
 * @example 'Новая запись — Салон Элегант\nМаникюр: пт, 21 ноября, 15:00\nКлиент: Анна, +79161234567\nhttps://…/app/#/call/call_1'
 */
export function ownerMessage(event: NotificationEvent, f: NoticeFacts): string {
  const lines = [`${TITLES[event]} — ${f.company}`];
  if (event === 'callback.requested') {
    if (f.reason) lines.push(`Вопрос: ${f.reason}`);
  } else {
    const what = [service(f), when(f)].filter(Boolean);
    const label = event === 'booking.rescheduled' ? 'Новое время' : null;
    if (what.length) lines.push(label ? `${label}: ${what.join(', ')}` : capital(what.join(': ')));
  }
  lines.push(`Клиент: ${client(f)}`, f.link);
  return lines.join('\n');
}

/**
 * The customer's SMS: short (one or two 70-character Cyrillic segments), no link.
 * @example 'Салон Элегант: вы записаны: маникюр, пт, 21 ноября, 15:00.'
 */
export function customerSms(event: NotificationEvent, f: NoticeFacts): string | null {
  const at = when(f);
  const booking = [service(f), at].filter(Boolean).join(', ');
  switch (event) {
    case 'booking.created':
      return `${f.company}: вы записаны${booking ? `: ${booking}` : ''}.`;
    case 'booking.rescheduled':
      return `${f.company}: запись перенесена${at ? ` на ${at}` : ''}${service(f) ? ` (${service(f)})` : ''}.`;
    case 'booking.cancelled':
      return `${f.company}: запись отменена${booking ? `: ${booking}` : ''}.`;
    default:
      return null;
  }
}
