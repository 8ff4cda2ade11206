import type { LanguagePack } from './types.ts';
import { ru } from './ru.ts';

export type { CompletionKind, LanguagePack } from './types.ts';

const PACKS: Readonly<Record<string, LanguagePack>> = { ru };

/** The language pack for a config's `language` ("ru", "ru-RU"); Russian when the language has none. */
export function languagePack(language: string): LanguagePack {
  return PACKS[language.toLowerCase().slice(0, 2)] ?? ru;
}
