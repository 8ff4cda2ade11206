import type { BookingRecord, Slot } from '../../booking/index.ts';
import { formatDateForSpeech } from '../speech-format.ts';
import type { Turn } from './turn.ts';

/** "16:30 или 18:00", "10:00, 14:00 или 18:00". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} или ${items.at(-1)}`;
}

const distinctTimes = (slots: readonly Slot[]) => [...new Set(slots.map((s) => s.time))];

/** What the bot says about bookings (Russian; the engine's other phrases live in templates/). */
export const bookingPhrases = {
  date: (t: Turn, iso: string) => formatDateForSpeech(iso, t.today(), t.pack),
  /** "В 15:00 занято, могу предложить 16:30 или 18:00. Какое время удобно?" */
  taken: (time: string, offers: readonly Slot[]) =>
    offers.length ? `В ${time} занято, могу предложить ${orList(distinctTimes(offers))}. Какое время удобно?` : `В ${time} занято.`,
  /** The slot went while we talked. */
  goneMeanwhile: (time: string, offers: readonly Slot[]) =>
    offers.length
      ? `Извините, пока мы говорили, время ${time} успели занять. Могу предложить ${orList(distinctTimes(offers))}. Какое время удобно?`
      : `Извините, пока мы говорили, время ${time} успели занять.`,
  /** "В субботу, 28 ноября свободно в 10:00, 14:00 или 18:00. Какое время удобно?" */
  freeTimes: (t: Turn, date: string, offers: readonly Slot[], staff: string | null) => {
    const who = staff ? ` у мастера ${staff}` : '';
    return `${capital(bookingPhrases.date(t, date))}${who} свободно в ${orList(distinctTimes(offers))}. Какое время удобно?`;
  },
  /** No time that day. */
  dayFull: (t: Turn, date: string, next: readonly string[]) => {
    const day = capital(bookingPhrases.date(t, date));
    return next.length
      ? `${day} свободного времени уже нет. Есть ${orList(next.map((d) => bookingPhrases.date(t, d)))}. Какой день удобен?`
      : `${day} свободного времени нет. Какой другой день удобен?`;
  },
  unknownStaff: 'Такого мастера не нашла, посмотрю свободное время у всех.',
  unknownService: 'Такую услугу не нашла в записи. Назовите, пожалуйста, услугу ещё раз.',
  notBookedInSystem: 'Не получилось записать в системе, администратор перезвонит и подтвердит запись.',
  /** Why the call became a callback request (the business reads it in the summary). */
  notBookedReason: 'запись не создана: система записи не подтвердила её',
  notManagedReason: 'система записи не ответила при переносе или отмене записи',
  askPhoneForBooking: 'Назовите, пожалуйста, номер телефона, на который вы записаны.',
  noBookings: 'На этот номер записей не нашла.',
  record: (t: Turn, b: BookingRecord) => `${b.service.toLowerCase()}, ${bookingPhrases.date(t, b.date)}, в ${b.time}${b.staffName ? `, мастер ${b.staffName}` : ''}`,
  foundOneToCancel: (t: Turn, b: BookingRecord) => `Нашла запись: ${bookingPhrases.record(t, b)}. Отменить её?`,
  foundOneToMove: (t: Turn, b: BookingRecord) => `Нашла запись: ${bookingPhrases.record(t, b)}. На какой день и время перенести?`,
  foundMany: (t: Turn, list: readonly BookingRecord[]) =>
    `Нашла несколько записей: ${list.map((b, i) => `${ORDINALS[i] ?? `${i + 1}-я`} — ${bookingPhrases.record(t, b)}`).join('; ')}. Какую из них?`,
  whichOne: 'Какую запись — первую или вторую?',
  cancelled: 'Запись отменена.',
  kept: 'Хорошо, запись остаётся.',
  moved: (t: Turn, b: BookingRecord) => `Готово, перенесла: ${bookingPhrases.record(t, b)}.`,
  askMoveTime: 'В какое время?',
  askOtherMoveTime: 'На какой день и время перенести?',
  failed: 'Не получилось связаться с системой записи. Администратор вам перезвонит.',
};

const ORDINALS = ['первая', 'вторая', 'третья', 'четвёртая'];

function capital(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
