export type { ParseContext, Extracted } from './types.ts';
export { extractDates } from './dates.ts';
export { extractTimes } from './times.ts';
export { extractPhones } from './phones.ts';
export { extractNames } from './names.ts';
export { extractNumbers } from './numbers.ts';
export { matchEnumOption, scoreEnumOption } from './enum.ts';
export { detectYesNo, isGoodbye } from './yes-no.ts';
export { resolveBareHour, applyDayPart, type DayPart } from './time-rules.ts';
export { localNow, type CalendarDay, type LocalNow } from './clock.ts';
export { phoneFrom } from './phones.ts';
export { dictatedDigits } from './phone-digits.ts';
export {
  askedBusiness,
  asksForTitle,
  namedPlace,
  detectGlobalIntent,
  refusesPhone,
  skipsQuestion,
  wantsSomethingElse,
  type GlobalIntent,
} from './intents.ts';
