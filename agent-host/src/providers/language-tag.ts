/** A bot's language as the Russian cloud speech APIs want it: `ru` → `ru-RU`; full tags pass; none → `fallback`. */
export function languageTag(language: string | null | undefined, fallback: string): string {
  if (!language) return fallback;
  return language.length === 2 ? `${language}-${language.toUpperCase()}` : language;
}
