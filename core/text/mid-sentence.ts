/**
 * A name as said inside a sentence: "Женская стрижка" → "женская стрижка"; an abbreviation ("ТО", "УЗИ") stays.
 * @example midSentence('Маникюр') // 'маникюр'
 */
export function midSentence(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}
