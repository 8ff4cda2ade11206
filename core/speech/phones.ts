import { cardinal } from './numbers.ts';

/** A group of a phone number as said: "916" девятьсот шестнадцать, "05" ноль пять, "00" ноль ноль. */
function group(digits: string): string {
  if (/^0+$/.test(digits)) return digits.split('').map(() => 'ноль').join(' ');
  const lead = /^0+/.exec(digits)?.[0].length ?? 0;
  return [...Array(lead).fill('ноль'), cardinal(Number(digits.slice(lead)))].join(' ');
}

/** A phone number said in groups: «плюс семь, девятьсот шестнадцать, сто двадцать три, сорок пять, шестьдесят семь». */
export function spokenPhone(groups: readonly string[], separator = ', '): string {
  return groups.map((g) => (g === '+7' ? 'плюс семь' : group(g))).join(separator);
}

const RU_PHONE = /(?<![\p{L}\d+])(\+7|8)[\s\u00a0(-]*(\d{3})[\s\u00a0)-]*(\d{3})[\s\u00a0-]*(\d{2})[\s\u00a0-]*(\d{2})(?!\d)/gu;
const LOCAL_PHONE = /(?<![\p{L}\d+:.,-])(\d{3})-(\d{2})-(\d{2})(?![\d-])/gu;

/**
 * Phone numbers in groups, the way they are dictated: "+7 (916) 123-45-67", "89161234567", "123-45-67".
 * `separator` goes between groups (a pause: ", " in plain text).
 */
export function speakPhones(text: string, separator = ', '): string {
  return text
    .replace(RU_PHONE, (_m, cc: string, a: string, b: string, c: string, d: string) => spokenPhone([cc, a, b, c, d], separator))
    .replace(LOCAL_PHONE, (_m, b: string, c: string, d: string) => spokenPhone([b, c, d], separator));
}
