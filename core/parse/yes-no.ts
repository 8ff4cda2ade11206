import { lowerSameLength } from '../text/tokens.ts';

// Each cue is a word or phrase; the last cue said wins ("нет, нет, всё верно" → yes; "да, только время измените" → no).
const NO_CUES = [
  'нет', 'неа', 'не-а', 'не не', 'не-не', 'нету', 'не так', 'не то', 'не туда', 'не верно', 'неверно', 'не правильно', 'неправильно',
  'не надо', 'не нужно', 'не хочу', 'не согласен', 'не согласна', 'не подтверждаю', 'не совсем', 'ни в коем случае',
  'измените', 'изменить', 'поменяйте', 'поменять', 'исправьте', 'исправить', 'ошибка', 'ошиблись', 'отмените', 'отменить',
  'отмена', 'другое время', 'другой день', 'другую дату', 'не тот', 'не та', 'не ту', 'не те',
  'неправильное', 'неправильный', 'неправильная', 'неправильную', 'неверное', 'неверный', 'неверная', 'неверную',
];
const YES_CUES = [
  'да', 'ага', 'угу', 'конечно', 'верно', 'правильно', 'подтверждаю', 'согласен', 'согласна', 'точно', 'именно',
  'хорошо', 'ладно', 'давайте', 'отлично', 'все так', 'все верно', 'все правильно', 'окей', 'ок', 'ok', 'okay', 'yes',
  'записывайте', 'так и есть', 'совершенно верно', 'безусловно', 'подходит', 'устраивает', 'годится', 'идет', 'без проблем',
];

function cueRegex(cues: readonly string[]): RegExp {
  const alternatives = [...cues].sort((a, b) => b.length - a.length).map((c) => c.replace(/ /g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\-])(?:${alternatives.join('|')})(?![\\p{L}\\-])`, 'gu');
}

const CUE_RE = cueRegex([...NO_CUES, ...YES_CUES]);
const NO_SET = new Set(NO_CUES);
// "нет проблем" / "нет вопросов" agree rather than refuse.
const AGREEING_NO_RE = /^нет\s+(проблем|вопросов)/;
// "всё верно, только телефон другой": agreement followed by a change request is a "no".
const CHANGE_AFTER_YES_RE =
  /(?<![\p{L}-])(?:только|но|однако|а\s+вот)\s+(?:[\p{L}-]+\s+){0,3}?(?:друг(?:ой|ая|ое|ую|ие)|не\s+(?:такой|такая|такое))(?![\p{L}-])/u;

/**
 * Yes/no answer to a confirmation question: "да", "всё верно", "конечно", "ага", "подтверждаю" → 'yes';
 * "нет", "не так", "неверно", "измените" → 'no'; null when neither is said ("не знаю", "а сколько стоит?").
 * When both are said, the last one wins; a "yes" followed by "только/но … другой" ("всё верно, только телефон
 * другой") is a change request, 'no'.
 */
export function detectYesNo(text: string): 'yes' | 'no' | null {
  const lower = lowerSameLength(text);
  let answer: 'yes' | 'no' | null = null;
  for (const m of lower.matchAll(CUE_RE)) {
    const cue = m[0].replace(/\s+/g, ' ');
    if (cue === 'нет' && AGREEING_NO_RE.test(lower.slice(m.index))) answer = 'yes';
    else answer = NO_SET.has(cue) ? 'no' : 'yes';
  }
  if (answer === 'yes' && CHANGE_AFTER_YES_RE.test(lower)) return 'no';
  return answer;
}

const GOODBYE_RE = new RegExp(
  [
    'до\\s*свидания', 'досвидания', 'всего\\s+(доброго|хорошего|наилучшего)', 'хорошего\\s+(дня|вечера)',
    'до\\s+встречи', 'прощайте', 'больше\\s+ничего', 'ничего\\s+больше', 'это\\s+все', 'на\\s+этом\\s+все',
    'ничего\\s+не\\s+(нужно|надо)', '^\\s*(?:(?:ну|да|ладно|хорошо|ок)[\\s,]+)*все[\\s,.!]+спасибо',
    'больше\\s+(нет\\s+вопросов|вопросов\\s+нет)', 'вопросов\\s+больше\\s+нет', 'пока(\\s+пока)?\\s*[.!]*\\s*$',
  ]
    .map((p) => `(?<![\\p{L}])(?:${p})(?![\\p{L}])`)
    .join('|'),
  'u',
);

/** Is the caller ending the call? "спасибо, до свидания", "всего доброго", "пока", "больше ничего". */
export function isGoodbye(text: string): boolean {
  return GOODBYE_RE.test(lowerSameLength(text));
}
