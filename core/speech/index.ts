export { toSpoken, type SpokenOptions } from './spoken.ts';
export { spokenTime, type TimeStyle } from './times.ts';
export { spokenDate } from './dates.ts';
export { spokenAmount } from './amounts.ts';
export { spokenPhone } from './phones.ts';
export { cardinal, ordinal, countedNoun, NOUNS, type Case, type Gender } from './numbers.ts';
