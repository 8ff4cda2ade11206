import type { LanguagePack } from './types.ts';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
// A config's own title for its people ("дежурный врач") is said in the nominative only: no declension needed.
const personOffer = (transfer: boolean, title?: string) => {
  if (title) return transfer ? `Хотите, вам ответит ${title}?` : `Хотите, ${title} вам перезвонит?`;
  return transfer ? 'Соединить вас с администратором?' : 'Хотите, администратор вам перезвонит?';
};
const nearest = (options: readonly string[]) =>
  options.length ? ` Можно ${options.join(options.some((o) => o.includes(',')) ? ', или ' : ' или ')}.` : '';
/** "в воскресенье, 29 ноября" as a sentence opening, with the closing comma of the date. */
const dayOpening = (day: string) => `${upperFirst(day)}${day.includes(',') ? ',' : ''}`;

/** "в 18:00, в 19:00 или в 20:00". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} или ${items.at(-1)}`;
}

/** Russian plural form: 1 год, 2 года, 5 лет. */
function plural(n: number, forms: readonly [string, string, string]): string {
  if (!Number.isInteger(n)) return forms[1];
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return forms[0];
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return forms[1];
  return forms[2];
}

/** Units a config names by one form ("лет"), with all three forms. */
const UNIT_FORMS: ReadonlyArray<readonly [string, string, string]> = [
  ['год', 'года', 'лет'],
  ['месяц', 'месяца', 'месяцев'],
  ['неделя', 'недели', 'недель'],
  ['день', 'дня', 'дней'],
  ['час', 'часа', 'часов'],
  ['штука', 'штуки', 'штук'],
  ['человек', 'человека', 'человек'],
  ['зуб', 'зуба', 'зубов'],
  ['килограмм', 'килограмма', 'килограммов'],
  ['раз', 'раза', 'раз'],
];

function withUnit(value: number, unit: string): string {
  const forms = UNIT_FORMS.find((f) => f.includes(unit.toLowerCase()));
  return `${String(value).replace('.', ',')} ${forms ? plural(value, forms) : unit}`;
}

/** Russian phrases and word lists; wording avoids gendered verb forms so any voice can say it. */
export const ru: LanguagePack = {
  phrases: {
    howCanIHelp: 'Чем могу помочь?',
    areYouThere: (q) => `Вы меня слышите? ${q}`,
    silenceGoodbye: 'Похоже, связь прервалась. Перезвоните, пожалуйста, когда будет удобно. До свидания!',
    callerGoodbye: 'Спасибо за звонок! До свидания!',
    finalGoodbye: 'Спасибо за звонок, хорошего дня! До свидания!',
    maxTurnsGoodbye: 'Извините, время разговора истекло. Пожалуйста, перезвоните позже. Спасибо за звонок, до свидания!',
    notUnderstood: (q) => `Извините, не совсем понятно. ${q}`,
    noInformation: (q) => `К сожалению, точной информации об этом у меня нет. ${q}`,
    backToQuestion: (q) => `Итак, ${lowerFirst(q)}`,
    noted: (parts) => `Хорошо, ${parts.join(', ')}.`,
    readBack: (parts) => `Давайте проверим: ${parts.join(', ')}. Всё верно?`,
    askWhatToChange: 'Что нужно исправить?',
    listening: 'Да, слушаю вас.',
    completed: (kind) =>
      kind === 'booking' ? 'Готово, вы записаны.' : 'Спасибо, заявка принята, с вами свяжутся.',
    declined: (kind) => (kind === 'booking' ? 'Хорошо, запись не оформляю.' : 'Хорошо, заявку не оформляю.'),
    anythingElse: 'Могу ещё чем-нибудь помочь?',
    transferring: 'Соединяю вас с администратором, оставайтесь, пожалуйста, на линии.',
    transferFailed: 'Не получилось соединить с администратором. Давайте я запишу ваше имя и номер, и вам перезвонят.',
    callbackIntro: (hours) =>
      hours
        ? `Сейчас соединить с сотрудником не получится: они на связи ${hours}. Давайте оформлю обратный звонок.`
        : 'Соединить с сотрудником сейчас не получится, но вам перезвонят. Давайте оформлю обратный звонок.',
    callbackPrompts: {
      name: 'Как к вам обращаться?',
      phone: 'По какому номеру вам перезвонить?',
      reason: 'Коротко: по какому вопросу вам перезвонить?',
    },
    offerHandoff: (transfer, title) => `Похоже, у меня не получается вам помочь. ${personOffer(transfer, title)}`,
    transferringTo: (title) => `Соединяю, сейчас вам ответит ${title}. Оставайтесь, пожалуйста, на линии.`,
    personOffer,
    handoffDeclined: (q) => `Хорошо. ${q}`,
    noIntentGoodbye: 'Извините, что не получилось помочь. Перезвоните, пожалуйста, позже. До свидания!',
    wrongNumber: (business) =>
      `${business ? `Это ${business}. ` : ''}Похоже, вы ошиблись номером. Всего доброго, до свидания!`,
    thisIsUs: (business) => `Да, это ${business}. Чем могу помочь?`,
    restart: 'Хорошо, начнём сначала.',
    askCallerPhone: (phone) => `Записать на номер, с которого вы звоните, ${phone}?`,
    phoneGoOn: 'Да, записываю. Продолжайте, пожалуйста.',
    phoneRestart: 'Извините, номер не сложился. Продиктуйте, пожалуйста, номер телефона целиком.',
    phoneRequired: (offer) =>
      `Без номера телефона не получится подтвердить запись.${offer ? ` ${offer}` : ' Если передумаете, просто продиктуйте номер.'}`,
    skipped: 'Хорошо, пропустим.',
    offerTimes: (options) => `Могу предложить ${orList(options)}. Какое время вам удобно?`,
    dateInPast: (options) => `Эта дата уже прошла.${nearest(options)}`,
    dateTooFar: (options) => `Так далеко вперёд мы не записываем.${nearest(options)}`,
    closedDay: (day, options) => `${dayOpening(day)} мы не работаем.${nearest(options)}`,
    outsideHours: (day, open, close, options) =>
      `${day ? `${dayOpening(day)} мы` : 'Мы'} работаем с ${open} до ${close}.${nearest(options)}`,
    timePassed: (options) => `Это время уже прошло.${nearest(options)}`,
    outOfRange: (min, max) => {
      if (min !== undefined && max !== undefined) return `Так не получится: нужно число от ${min} до ${max}.`;
      return min !== undefined ? `Так не получится: нужно число не меньше ${min}.` : `Так не получится: нужно число не больше ${max}.`;
    },
    patternMismatch: (q) => `Кажется, это не подходит. ${q}`,
  },
  speech: {
    weekdayWithPreposition: [
      'в воскресенье',
      'в понедельник',
      'во вторник',
      'в среду',
      'в четверг',
      'в пятницу',
      'в субботу',
    ],
    monthsGenitive: [
      'января',
      'февраля',
      'марта',
      'апреля',
      'мая',
      'июня',
      'июля',
      'августа',
      'сентября',
      'октября',
      'ноября',
      'декабря',
    ],
    today: 'сегодня',
    tomorrow: 'завтра',
    year: (y) => `${y} года`,
    time: (t) => `в ${t}`,
    withUnit,
    labels: {
      phone: 'телефон',
      name: 'на имя',
      car: 'автомобиль',
      doctor: 'специалист',
      master: 'мастер',
      budget: 'бюджет',
      teeth_count: 'количество зубов',
      address: 'адрес',
      email: 'почта',
      comment: 'комментарий',
      number: 'количество',
    },
  },
  understanding: {
    fieldNames: {
      date: ['дата', 'день', 'число', 'дату', 'дня'],
      time: ['время', 'час', 'часы', 'времени'],
      phone: ['телефон', 'номер'],
      name: ['имя', 'зовут'],
      service: ['услуга', 'процедура'],
      car: ['машина', 'автомобиль', 'марка', 'модель', 'авто'],
      doctor: ['врач', 'специалист', 'доктор'],
      master: ['мастер'],
      budget: ['бюджет', 'сумма'],
      timing: ['срок', 'сроки', 'когда'],
      teeth_count: ['количество', 'зубов', 'зуба'],
    },
    fillerWords: new Set(
      (
        'а и ну вот это так же бы да нет не ли уж вообще просто ещё еще тогда значит типа короче ' +
        'я мы вы мне меня нас нам вас вам мой моя мою моё мое у к ко в во на с со по за для о об из ' +
        'интересует интересуют хочу хотел хотела хотели хотим хотелось хочется хотелось надо нужно нужна нужен можно могу ' +
        'поменять поменяйте сменить заменить замените поставить поставьте починить посмотреть посмотрите ' +
        'вызвать вызовите вызови оформить оформите закажите заказать ' +
        'запишите запишешь записать записаться записаться записывайте запиши запись записи сделать сделайте ' +
        'пожалуйста будьте добры будь добр давайте давай скажите подскажите знаете слушайте девушка ' +
        'здравствуйте здрасте привет алло добрый доброе доброго день утро вечер спасибо если есть было ' +
        'нибудь то там знаю понятно тут сюда вот как бы ээ э эм м ммм угу ага ' +
        // A part of the day without an hour fills no field and must not stay in free text ("маникюр вечером").
        'утром вечером днем ночью утра вечера пораньше попозже лучше ' +
        // Approximate times around a parsed hour ("ближе к вечеру часиков в шесть").
        'ближе вечеру утру обеду часиков часика примерно где-то ладно окей ок'
      ).split(/\s+/),
    ),
    notValues: new Set(
      (
        'подождите погодите секунду секундочку минуту минутку стоп извините простите сейчас подумать подумаю ' +
        'другой другое другая другую другие иначе ничего все наверное неправильно неверно ошибка так то ' +
        'это тот та те'
      ).split(/\s+/),
    ),
    connectors: new Set(['и', 'с', 'со', 'к', 'ко', 'в', 'во', 'на', 'по', 'для', 'без', 'или', 'из']),
    fillerPhrases: ['добрый день', 'доброе утро', 'добрый вечер', 'будьте добры', 'как бы', 'если можно', 'к вам'],
    questionWords: new Set([
      'сколько',
      'почем',
      'где',
      'как',
      'какой',
      'какая',
      'какие',
      'каких',
      'когда',
      'ли',
      'почему',
      'зачем',
      'работаете',
      'принимаете',
      'подскажите',
      'скажите',
    ]),
    questionPhrases: ['а у вас', 'у вас есть', 'у вас можно', 'а вы', 'а есть', 'есть ли', 'можно ли'],
    // "а парковка есть", "а скидки бывают", "детское кресло есть": spoken questions without a question word.
    questionPatterns: [/^(?:а |ну |а вот )?[а-я- ]+ (?:есть|бывает|бывают|имеется|имеются)$/],
    factQuestions: {
      hours:
        /(?:^| )(?:(?:до|со?|во) скольки?|когда|часы|график|режим|как)\b.*(?:работа|открыва|закрыва|открыт)|(?:^| )(?:работаете|открыты|работает)(?: ли)?(?: |$)|часы работы|график работы|режим работы/u,
      address: /(?:^| )(?:адрес\p{L}*|где (?:вы )?(?:находитесь|находится|расположен\p{L}*)|как (?:до вас |к вам )?(?:добраться|доехать|проехать|пройти|найти)|где вас найти|куда (?:ехать|подъехать|приезжать|подходить))(?: |$)/u,
    },
    factNoise: new Set(
      'сколько стоит стоимость цена цены почем какая какой какие у вас а и в на по за для с я мне нам вы скажите подскажите пожалуйста можно есть ли это'.split(' '),
    ),
  },
};
