import type { BotConfig } from '../config/bot-config.ts';
import { callNotices } from './notices.ts';
import { formatDateForSpeech } from './speech-format.ts';
import type { ReminderCall } from './reminder-call.ts';
import type { LanguagePack } from './templates/index.ts';

/** "16:30 или 18:00". */
const orList = (items: readonly string[]) => (items.length <= 1 ? items[0] ?? '' : `${items.slice(0, -1).join(', ')} или ${items.at(-1)}`);

/** What the bot says on a reminder call (Russian). */
export const reminderPhrases = {
  /** "маникюр, завтра, 26 ноября, в 15:00, мастер Ольга" */
  booking: (r: Pick<ReminderCall, 'service' | 'date' | 'time' | 'staff'>, today: string, pack: LanguagePack) =>
    `${r.service.toLowerCase()}, ${formatDateForSpeech(r.date, today, pack)}, в ${r.time}${r.staff ? `, мастер ${r.staff}` : ''}`,
  opening: (config: BotConfig, r: ReminderCall, today: string, pack: LanguagePack) => {
    const notices = callNotices(config).map((n) => `${n} `).join('');
    if (config.reminders?.phrase) return `${notices}${config.reminders.phrase} ${reminderPhrases.question}`;
    const who = config.company?.name ? ` Это ${config.company.name}.` : '';
    const name = r.name ? `, ${r.name}` : '';
    return `${notices}Здравствуйте${name}!${who} Напоминаем о вашей записи: ${reminderPhrases.booking(r, today, pack)}. ${reminderPhrases.question}`;
  },
  question: 'Вы придёте?',
  repeat: 'Извините, не расслышала. Вы придёте на запись? Можно сказать «да», «перенести» или «отменить».',
  confirmed: 'Отлично, ждём вас! До свидания.',
  moveOrCancel: 'Поняла. Перенести запись на другой день или отменить?',
  askDay: 'На какой день перенести?',
  askTime: 'В какое время?',
  taken: (time: string, offers: readonly { time: string }[]) =>
    offers.length
      ? `В ${time} занято, могу предложить ${orList([...new Set(offers.map((o) => o.time))])}. Какое время удобно?`
      : `В ${time} занято. На какой день и время перенести?`,
  moved: (booking: string) => `Готово, перенесла: ${booking}. До свидания!`,
  cancelled: 'Запись отменена. Будем рады видеть вас в другой раз. До свидания!',
  failed: 'Не получилось изменить запись в системе. Администратор вам перезвонит. До свидания!',
  doNotCall: 'Хорошо, больше не будем вам звонить. Извините за беспокойство. До свидания!',
  wrongPerson: 'Извините за беспокойство. До свидания!',
  giveUp: 'Хорошо, администратор вам перезвонит. До свидания!',
  goodbye: 'До свидания!',
  /** Left on an answering machine after the beep. */
  voicemail: (config: BotConfig, r: ReminderCall, today: string, pack: LanguagePack) =>
    config.reminders?.voicemail_message ??
    `Здравствуйте!${config.company?.name ? ` Это ${config.company.name}.` : ''} Напоминаем о вашей записи: ${reminderPhrases.booking(r, today, pack)}. Если планы изменились, перезвоните нам, пожалуйста. До свидания!`,
};
