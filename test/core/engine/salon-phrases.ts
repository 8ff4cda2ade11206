/** What the salon bot (scenarios/salon-bot-1.yaml + templates/ru.ts) says, as the dialogue tests look for it. */
export const GREETING = 'Салон красоты Элегант';
export const ASK_SERVICE = 'На какую услугу хотите записаться?';
export const ASK_DATE = 'На какой день?';
export const ASK_TIME = 'В какое время?';
export const ASK_PHONE = 'Оставьте номер для подтверждения';
export const CHECK = 'Давайте проверим';
export const BOOKED = 'вы записаны';
export const FALLBACK = 'Вы хотите записаться или у вас вопрос?';
export const ANYTHING_ELSE = 'Могу ещё чем-нибудь помочь?';
