import { lowerSameLength } from '../text/index.ts';

// What answering machines, operators' "subscriber unavailable" messages and call-screening assistants say in Russian.
// Matched on lower-cased text with ё folded, so STT spelling variants match too.
const MACHINE = [
  'абонент не может ответить', 'абонент сейчас не может', 'не может ответить на ваш звонок', 'оставьте (ваше |своё |свое )?сообщение',
  'оставьте голосовое', 'после (звукового )?сигнала', 'после гудка', 'голосов\\p{L}* почт', 'автоответчик', 'вы позвонили (в|на)',
  'аппарат абонента выключен', 'находится вне зоны', 'вне зоны действия', 'абонент временно недоступен', 'абонент недоступен',
  'номер не обслуживается', 'набран неправильно', 'сейчас не можем ответить', 'не могу (сейчас )?ответить', 'перезвоню вам позже',
  'наговорите сообщение', 'запишите сообщение', 'the subscriber', 'leave a message', 'after the (tone|beep)',
];
const SCREENING = [
  'представьтесь', 'назовите (ваше |своё |свое )?имя', 'по какому (вы )?вопросу', 'цель (вашего )?звонка', 'зачем вы звоните',
  'кто вы и', 'я (голосовой |виртуальный )?(помощник|ассистент|секретарь)', 'помощник абонента', 'ассистент абонента',
  'секретарь абонента', 'я передам (ему|ей|абоненту)', 'абонент получит (ваше )?сообщение', 'оставайтесь на линии',
];
const PERSON = ['^(алло|алле|ало|да|слушаю|слушаю вас|да слушаю|говорите|алло да|да алло)[\\s,.!?]*$', 'кто это', 'кто звонит', 'я слушаю'];

const re = (list: readonly string[]) => new RegExp(list.map((p) => `(?:${p})`).join('|'), 'u');
const MACHINE_RE = re(MACHINE);
const SCREENING_RE = re(SCREENING);
const PERSON_RE = re(PERSON);

const norm = (text: string) => lowerSameLength(text).replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** Which kind of answerer the words sound like, with the words that gave it away; null when they say nothing about it. */
export function classifyWords(text: string): { kind: 'voicemail' | 'screening' | 'person'; cue: string } | null {
  const t = norm(text);
  // Screening assistants mention "сообщение" too: their questions win.
  const s = SCREENING_RE.exec(t);
  if (s) return { kind: 'screening', cue: s[0] };
  const m = MACHINE_RE.exec(t);
  if (m) return { kind: 'voicemail', cue: m[0] };
  const p = PERSON_RE.exec(t);
  return p ? { kind: 'person', cue: p[0].trim() } : null;
}
