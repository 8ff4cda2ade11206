/** The benchmark's answerers: what people, answering machines and call-screening assistants say on picking up (Russian). */
export interface Greeting {
  kind: 'person' | 'voicemail' | 'screening';
  text: string;
  /** A beep after the greeting (Hz); machines only. */
  beepHz?: number;
  /** espeak-ng voice and speed (words per minute). */
  voice?: string;
  speed?: number;
}

export const GREETINGS: Greeting[] = [
  ...[
    'Алло', 'Да', 'Да, слушаю', 'Алло, кто это?', 'Слушаю вас', 'Алло, да, говорите', 'Да, алло', 'Алло, здравствуйте',
    'Да, я слушаю', 'Кто это?', 'Добрый день, слушаю', 'Алло, алло', 'Ало', 'Да, говорите, я слушаю',
    'Алло, здравствуйте, да, я вас слушаю', 'Да, это я, слушаю вас',
  ].map((text, i) => ({ kind: 'person' as const, text, voice: i % 2 ? 'ru+f3' : 'ru+m3', speed: 150 + (i % 4) * 15 })),
  { kind: 'voicemail', text: 'Абонент не может ответить на ваш звонок. Оставьте сообщение после звукового сигнала.', beepHz: 1000 },
  { kind: 'voicemail', text: 'Здравствуйте, вы позвонили Ирине. Сейчас я не могу ответить. Оставьте сообщение после сигнала.', beepHz: 1400, voice: 'ru+f3' },
  { kind: 'voicemail', text: 'Аппарат абонента выключен или находится вне зоны действия сети.' },
  { kind: 'voicemail', text: 'Вы позвонили в компанию Стройсервис. Оставьте, пожалуйста, ваше сообщение, и мы вам перезвоним.', beepHz: 850 },
  { kind: 'voicemail', text: 'Привет, это Саша. Оставь сообщение.', beepHz: 1000, voice: 'ru+m3', speed: 190 },
  { kind: 'voicemail', text: 'Здравствуйте. Я сейчас не могу подойти к телефону. Пожалуйста, оставьте сообщение после гудка.', beepHz: 440, voice: 'ru+f3' },
  { kind: 'voicemail', text: 'Абонент временно недоступен. Попробуйте позвонить позднее.' },
  { kind: 'voicemail', text: 'Голосовая почта абонента. Говорите после сигнала.', beepHz: 1000 },
  { kind: 'voicemail', text: 'Добрый день! Вы позвонили Марии Петровне. Меня нет дома, оставьте сообщение, я вам перезвоню.', beepHz: 1200, voice: 'ru+f3' },
  { kind: 'voicemail', text: 'Номер абонента не отвечает. Вы можете оставить голосовое сообщение после сигнала.', beepHz: 1000 },
  { kind: 'voicemail', text: 'Это Олег. Перезвоню.', beepHz: 900, voice: 'ru+m3', speed: 180 },
  { kind: 'voicemail', text: 'Здравствуйте, вы позвонили в стоматологию Улыбка. Мы работаем с девяти до двадцати. Оставьте сообщение.', beepHz: 1000, voice: 'ru+f3' },
  { kind: 'screening', text: 'Здравствуйте, я голосовой помощник Анны. Представьтесь, пожалуйста, и скажите, по какому вопросу вы звоните.', voice: 'ru+f3' },
  { kind: 'screening', text: 'Алло, это ассистент абонента. Он сейчас не может ответить. Скажите, зачем вы звоните?' },
  { kind: 'screening', text: 'Здравствуйте! Я секретарь. Назовите ваше имя и цель звонка, я передам.', voice: 'ru+f3' },
  { kind: 'screening', text: 'Добрый день, я виртуальный помощник. Оставайтесь на линии и скажите, кто вы.' },
  { kind: 'screening', text: 'Да? Это помощник абонента, представьтесь, пожалуйста.', speed: 180 },
];
