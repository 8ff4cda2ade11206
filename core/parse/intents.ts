import { findKeyword } from '../text/keywords.ts';
import { lowerSameLength, wordTokens } from '../text/tokens.ts';

/** What a caller may want at any step of the call, whatever was asked. */
export type GlobalIntent = 'person' | 'repeat' | 'cancel' | 'restart' | 'wrong_number';

const W = (p: string) => `(?<![\\p{L}])(?:${p})(?![\\p{L}])`;
const re = (parts: readonly string[]) => new RegExp(parts.map(W).join('|'), 'u');

// Staff asked for by role: enough on their own in a short request ("администратора пожалуйста").
const STAFF = 'администратор\\p{L}*|оператор\\p{L}*|менеджер\\p{L}*|руководител\\p{L}*|директор\\p{L}*|сотрудник\\p{L}*';
// People who also do the work (врач, мастер): a person only with a verb of connecting or "напрямую".
const WORKER = 'врач\\p{L}*|доктор\\p{L}*|мастер\\p{L}*|специалист\\p{L}*|кем[- ]нибудь|кем[- ]то|кого[- ]нибудь|кого[- ]то';
const CONNECT =
  'соедини\\p{L}*|соединя\\p{L}*|переключи\\p{L}*|переведи\\p{L}*|перевести|позови\\p{L}*|позвать|' +
  'поговорить|пообщаться|связаться|свяжите|дайте|можно|нужен|нужна|нужно|хочу|напрямую|трубку';
const PERSON_ALWAYS = re([
  '(?:с\\s+)?(?:живым|реальным|настоящим)\\s+человеком',
  'живой\\s+человек|живого\\s+человека|живому\\s+человеку',
  '(?:с\\s+)?(?:человеком|людьми)\\s+(?:поговорить|соедините|можно)',
  '(?:соедините|переключите|позовите)\\s+(?:меня\\s+)?(?:с\\s+)?(?:кем|человеком)\\p{L}*',
]);
const STAFF_RE = re([STAFF]);
const WORKER_RE = re([WORKER]);
const CONNECT_RE = re([CONNECT]);
const CALL_OVER_RE = /(?<![\p{L}])(?:позови\p{L}*|позвать|пригласи\p{L}*|переключи\p{L}*\s+на|дайте)\s+(?:\p{L}+\s+)?$/u;
const NOT_BEFORE_RE = /(?<![\p{L}])не\s+(?:надо|нужно|нужен|хочу|зовите|соединяйте)?\s*(?:с\s+)?$/u;

const REPEAT_RE = re([
  'повтори\\p{L}*',
  'не\\s+расслышал\\p{L}*',
  'не\\s+услышал\\p{L}*',
  'прослушал\\p{L}*',
  'что\\s+вы\\s+сказали',
  'скажите\\s+(?:ещ[её]\\s+раз|снова)',
  'ещ[её]\\s+раз\\s+(?:скажите|можно)',
  'плохо\\s+слышно',
  'не\\s+понял\\p{L}*\\s+(?:вас|что\\s+вы)',
  'что\\s+что',
]);
const RESTART_RE = re([
  '(?:давайте|давай|можно|хочу|начн[её]м|начать)\\s+(?:вс[её]\\s+)?(?:с\\s+начала|сначала|заново)',
  'начн[её]м\\s+(?:вс[её]\\s+)?(?:с\\s+начала|сначала|заново)',
  'вс[её]\\s+заново',
]);
const CANCEL_RE = re([
  'отмена',
  'отмените\\s+(?:вс[её]|запись|заявку)',
  'передумал\\p{L}*',
  'не\\s+надо\\s+(?:ничего|записывать|оформлять)',
  'забудьте',
]);
const WRONG_RE = re([
  'не\\s+туда\\s+(?:попал\\p{L}*|звоню|позвонил\\p{L}*|набрал\\p{L}*)',
  'ошибс?\\p{L}*\\s+номером',
  'номером\\s+ошиб\\p{L}*',
  'не\\s+тот\\s+номер',
  'куда\\s+я\\s+(?:попал\\p{L}*|звоню|позвонил\\p{L}*)',
  'я\\s+не\\s+вам\\s+звон\\p{L}*',
]);
// "это пиццерия?", "а это такси": a business of some kind asked for by name.
const ASKS_BUSINESS_RE = new RegExp(
  `^(?:\\p{L}+\\s+){0,2}?(?:это|вы)\\s+(?:не\\s+)?(${[
    'пиццери\\p{L}*', 'такси', 'аптек\\p{L}*', 'больниц\\p{L}*', 'поликлиник\\p{L}*', 'банк\\p{L}*', 'ресторан\\p{L}*',
    'кафе', 'доставк\\p{L}*', 'магазин\\p{L}*', 'суши', 'шиномонтаж\\p{L}*', 'автосервис\\p{L}*', 'салон\\p{L}*',
    'парикмахерск\\p{L}*', 'стоматологи\\p{L}*', 'клиник\\p{L}*', 'ветклиник\\p{L}*', 'гостиниц\\p{L}*', 'отел\\p{L}*',
    'школ\\p{L}*', 'детск\\p{L}*\\s+сад\\p{L}*', 'садик\\p{L}*', 'химчистк\\p{L}*', 'прачечн\\p{L}*', 'ломбард\\p{L}*',
    'нотариус\\p{L}*', 'ремонт\\s+телефонов', 'служб\\p{L}*\\s+доставки', 'фитнес\\p{L}*', 'спортзал\\p{L}*',
  ].join('|')})(?![\\p{L}])`,
  'u',
);
const WORDS = /[\p{L}\p{N}]+/gu;
// Word pieces at least one of the patterns above needs: most turns ("в пятницу в три") skip them all at once.
const GATE_RE =
  /админ|опера|менедж|руковод|директ|сотрудн|врач|доктор|мастер|специал|нибудь|кем|кого|человек|людьми|туда|номер|попал|это|вы\s|повтор|расслыш|услыш|прослуш|сказали|раз|слышно|понял|что\s+что|начал|заново|отмен|передума|не\s+надо|забуд|позов|позва|приглас|переключ|соедин/u;

/**
 * A request that applies at any step of a call: a person ("соедините с администратором", "можно живого человека",
 * "мне с врачом напрямую"), "повторите", "давайте сначала", "отмена"/"я передумала", or a wrong number
 * ("я не туда попал", "это пиццерия?" — see {@link askedBusiness}). Null for anything else.
 */
export function detectGlobalIntent(text: string): GlobalIntent | null {
  const lower = lowerSameLength(text);
  if (!GATE_RE.test(lower)) return null;
  if (wantsPerson(lower)) return 'person';
  if (WRONG_RE.test(lower) || ASKS_BUSINESS_RE.test(lower.trim())) return 'wrong_number';
  if (RESTART_RE.test(lower)) return 'restart';
  if (CANCEL_RE.test(lower)) return 'cancel';
  if (REPEAT_RE.test(lower)) return 'repeat';
  return null;
}

/** The kind of business the caller asked for ("пиццерия" in "алло это пиццерия"), to compare with this one. */
export function askedBusiness(text: string): string | null {
  return ASKS_BUSINESS_RE.exec(lowerSameLength(text).trim())?.[1] ?? null;
}

// "алло это ателье по ремонту обуви", "здравствуйте это служба такси": any business named as the one called.
const NAMES_A_PLACE_RE =
  /^(?:(?:алло|здравствуйте|добрый|день|вечер|утро|а|ну|извините|скажите|подскажите)\s+){0,3}(?:это|вы)\s+(\p{L}{3,}(?:[\s-]+\p{L}+){0,5})$/u;
// Words after "это" that do not name a place: "это по поводу записи", "это срочно", "это я", "это дорого".
const NOT_A_PLACE = /^(?:по|про|насчет|насчёт|я|мы|он|она|снова|опять|срочно|важно|правда|точно|нормально|дорого|долго|все|всё|так|тот|та|то|как|что|кто|где|когда|сколько|какой|какая|какие|можно|нужно|надо|очень|не|уже|ещё|еще|просто|вообще|наверное|ваш|ваша|ваше|вас|вам|тоже|сам|сама)(?:\s|$)/u;

const ASKS_SOMETHING = /^(?:как|что|кто|где|когда|сколько|какой|какая|какие|каким|почему|зачем|ли|можно|нужно|надо)$/u;
// Verb forms that end a noun phrase: "работаете", "делаете", "можно", "работали", "записаться", "стоит".
const VERB_LIKE = /^(?:\p{L}+(?:ете|ёте|ите|ешь|ишь|ли|ла|ть|ться|тся|ете)|стоит|есть|будет|будете|работает|делает|принимает)$/u;

/**
 * The business the caller believes they called, when the utterance only names one ("алло это ателье по ремонту
 * обуви"): for any kind of business, not a fixed list. Compare it with this business before calling it a wrong number.
 */
export function namedPlace(text: string): string | null {
  const lower = lowerSameLength(text).replace(/[^\p{L}\s-]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const place = NAMES_A_PLACE_RE.exec(lower)?.[1];
  if (!place || NOT_A_PLACE.test(place)) return null;
  // "вы работаете в воскресенье", "это стрижка сколько стоит": a question about this business, not a place named.
  return place.split(/[\s-]+/).some((w) => ASKS_SOMETHING.test(w) || VERB_LIKE.test(w)) ? null : place;
}

/**
 * The caller asks for the person a business names in its config ("дежурный врач", "старший мастер"): the title's
 * words said, in a short request or with a verb of connecting, and not refused ("не надо врача").
 */
export function asksForTitle(text: string, title: string): boolean {
  const lower = lowerSameLength(text);
  const hit = findKeyword(wordTokens(lower), title, lower);
  if (!hit || hit.negated || NOT_BEFORE_RE.test(lower.slice(0, hit.start))) return false;
  const words = lower.match(WORDS)?.length ?? 0;
  return words <= 4 || CONNECT_RE.test(lower) || CALL_OVER_RE.test(lower.slice(0, hit.start));
}

function wantsPerson(lower: string): boolean {
  if (PERSON_ALWAYS.test(lower)) return true;
  const staff = STAFF_RE.exec(lower);
  if (staff && !NOT_BEFORE_RE.test(lower.slice(0, staff.index))) {
    // "администратора пожалуйста", "мне бы менеджера": a short request; a longer one needs a verb.
    const words = lower.match(WORDS)?.length ?? 0;
    if (words <= 4 || CONNECT_RE.test(lower)) return true;
  }
  const worker = WORKER_RE.exec(lower);
  if (!worker || NOT_BEFORE_RE.test(lower.slice(0, worker.index))) return false;
  // "соедините с врачом", "с мастером напрямую"; not "запишите к мастеру" nor "хочу к врачу на пятницу".
  const around = lower.slice(Math.max(0, worker.index - 40), worker.index + worker[0].length + 20);
  const before = lower.slice(0, worker.index);
  if (CALL_OVER_RE.test(before)) return true; // "позовите мастера", "пригласите врача к телефону"
  return /(?<![\p{L}])(?:с|со)\s+(?:\p{L}+\s+)?$/u.test(before) && CONNECT_RE.test(around);
}

const REFUSE_PHONE_RE = re([
  'не\\s+(?:хочу|буду|стану|могу|дам|скажу|оставлю|готов\\p{L}*)\\s+(?:\\p{L}+\\s+){0,2}?(?:номер\\p{L}*|телефон\\p{L}*)',
  '(?:номер\\p{L}*|телефон\\p{L}*)\\s+(?:\\p{L}+\\s+)?не\\s+(?:дам|скажу|оставлю|хочу|буду|надо|нужно)',
  'без\\s+(?:номера|телефона)',
  'не\\s+(?:дам|скажу|оставлю)',
]);

/** The caller will not give a phone number ("не хочу оставлять номер", "без телефона можно?"). */
export function refusesPhone(text: string): boolean {
  return REFUSE_PHONE_RE.test(lowerSameLength(text));
}

const SKIP_RE = re([
  'пропусти\\p{L}*', 'пропустим', 'не\\s+знаю', 'не\\s+важно', 'неважно', 'без\\s+разницы', 'не\\s+надо', 'не\\s+нужно',
  'не\\s+помню', 'дальше', 'нет', 'не\\s+скажу', 'никакой', 'никакого', 'ничего',
]);

/** The caller skips an optional question ("не знаю", "пропустим", "нет"). */
export function skipsQuestion(text: string): boolean {
  return SKIP_RE.test(lowerSameLength(text));
}

const OTHER_PURPOSE_RE = re([
  'купить', 'куплю', 'покупк\\p{L}*', 'продае\\p{L}*', 'продаё\\p{L}*', 'продаж\\p{L}*', 'заказать\\s+доставку',
  'вакансi\\p{L}*', 'ваканси\\p{L}*', 'на\\s+работу', 'устроиться', 'резюме', 'сотрудничеств\\p{L}*', 'реклам\\p{L}*',
  'поставк\\p{L}*', 'пожаловаться', 'жалоб\\p{L}*', 'претензи\\p{L}*', 'вернуть\\s+деньги', 'возврат\\p{L}*',
]);

/**
 * The caller wants something other than a service (to buy, to sell, a job, a complaint): a service or a pet
 * mentioned in passing ("хочу купить шампунь для щенка") must not start a booking.
 */
export function wantsSomethingElse(text: string): boolean {
  const lower = lowerSameLength(text);
  return OTHER_GATE_RE.test(lower) && OTHER_PURPOSE_RE.test(lower);
}

const OTHER_GATE_RE = /куп|прода|заказ|ваканс|работ|устро|резюм|сотруд|реклам|постав|жалов|жалоб|претенз|вернут|возврат/u;
