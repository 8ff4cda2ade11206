/** Kind of a completed scenario, used to pick its closing phrase. */
export type CompletionKind = 'booking' | 'request';

/**
 * Everything language-specific the engine says or recognises besides the config's own phrases
 * and the parsers: one object per language, so another language is one more file.
 */
export interface LanguagePack {
  phrases: {
    /** Asked again when the caller is silent before any scenario started. */
    howCanIHelp: string;
    /** First silence: check the line, then repeat the pending question. */
    areYouThere(question: string): string;
    /** Second silence in a row. */
    silenceGoodbye: string;
    /** The caller said goodbye. */
    callerGoodbye: string;
    /** The caller needs nothing else. */
    finalGoodbye: string;
    /** The turn limit was reached. */
    maxTurnsGoodbye: string;
    /** Nothing understood while a question is pending. */
    notUnderstood(question: string): string;
    /** A question the knowledge base could not answer while a scenario question is pending. */
    noInformation(question: string): string;
    /** After a knowledge answer, back to the pending question. */
    backToQuestion(question: string): string;
    /** Acknowledges values given ahead of the question being asked. */
    noted(parts: readonly string[]): string;
    /** Read-back of collected values before completing. */
    readBack(parts: readonly string[]): string;
    askWhatToChange: string;
    /** The caller said "yes" to "anything else?" without saying what. */
    listening: string;
    completed(kind: CompletionKind): string;
    /** The caller declined the scenario ("не хочу записываться"). */
    declined(kind: CompletionKind): string;
    anythingElse: string;
  };
  speech: {
    /** Weekday after the preposition, Sunday first: "в пятницу", "во вторник". */
    weekdayWithPreposition: readonly string[];
    /** Month names in the genitive ("27 ноября"), January first. */
    monthsGenitive: readonly string[];
    today: string;
    tomorrow: string;
    year(year: number): string;
    time(hhmm: string): string;
    /** Read-back label before a value, by field type or field name; a missing label reads the value alone. */
    labels: Readonly<Record<string, string>>;
  };
  understanding: {
    /** Words that name a field when the caller says what to change, by field type or field name. */
    fieldNames: Readonly<Record<string, readonly string[]>>;
    /** Words that carry no field content ("хочу", "запишите", "пожалуйста"), normalized. */
    fillerWords: ReadonlySet<string>;
    /**
     * Words that are never a free-text value on their own, so "нет, <word>" at the read-back is no correction
     * ("нет, подождите", "нет, другое"), normalized.
     */
    notValues: ReadonlySet<string>;
    /** Short words kept inside free text between content words ("стрижка и укладка", "маникюр с покрытием"). */
    connectors: ReadonlySet<string>;
    /** Multi-word filler phrases removed before filler words ("добрый день"), normalized. */
    fillerPhrases: readonly string[];
    /** Words that make an utterance a question (normalized, first-word or anywhere). */
    questionWords: ReadonlySet<string>;
    /** Normalized phrases that make an utterance a question ("а у вас", "есть ли"). */
    questionPhrases: readonly string[];
  };
}
