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
    /** Said before the call goes to a person (the config's `handoff.phrase` replaces it). */
    transferring: string;
    /** The transfer to a person failed; a callback request follows. */
    transferFailed: string;
    /** Before a callback request: nobody can take the call now (`hours`: when someone answers, if known). */
    callbackIntro(hours: string | null): string;
    /** Prompts of the built-in callback request. */
    callbackPrompts: { name: string; phone: string; reason: string };
    /** After two fallbacks in a row: offer a person (`transfer`) or a callback; `title`: the config's `handoff.title`. */
    offerHandoff(transfer: boolean, title?: string): string;
    /** The offer itself: "Соединить вас с администратором?" / "Хотите, администратор вам перезвонит?". */
    personOffer(transfer: boolean, title?: string): string;
    /** Said before the transfer when the config names its person (`handoff.title`, nominative: "дежурный врач"). */
    transferringTo(title: string): string;
    /** The caller declined the offer of a person. */
    handoffDeclined(question: string): string;
    /** The third fallback in a row. */
    noIntentGoodbye: string;
    /** A wrong number: which business this is (when known), and goodbye. */
    wrongNumber(business: string | null): string;
    /** "это стоматология?" asked of the dental clinic. */
    thisIsUs(business: string): string;
    /** "давайте сначала": said before the scenario's first question again. */
    restart: string;
    /** The caller's own number offered for the phone field. */
    askCallerPhone(spokenPhone: string): string;
    /** Part of a phone number was dictated: keep going. */
    phoneGoOn: string;
    /** The dictated digits make no phone number. */
    phoneRestart: string;
    /** The caller will not give a phone that the scenario needs; `offer` is the handoff/callback offer or ''. */
    phoneRequired(offer: string): string;
    /** An optional field skipped. */
    skipped: string;
    /** Times offered for a part of the day said without an hour (already spoken: "в 18:00"). */
    offerTimes(options: readonly string[]): string;
    /** Validation refusals; `options` are the nearest valid values, already spoken. */
    dateInPast(options: readonly string[]): string;
    /** A date past the booking horizon (two years ahead) or not in the calendar. */
    dateTooFar(options: readonly string[]): string;
    closedDay(day: string, options: readonly string[]): string;
    outsideHours(day: string | null, open: string, close: string, options: readonly string[]): string;
    timePassed(options: readonly string[]): string;
    outOfRange(min: number | undefined, max: number | undefined, unit: string | undefined): string;
    /** A value that does not match the field's `pattern` (without its own `pattern_prompt`). */
    patternMismatch(question: string): string;
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
    /** A number with its unit in the right form: (3, 'лет') → "3 года", (1, 'кг') → "1 кг". */
    withUnit(value: number, unit: string): string;
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
    /** Whole normalized utterances that ask without a question word ("а парковка есть"). */
    questionPatterns: readonly RegExp[];
    /** Questions the config answers by itself (normalized text): opening hours, the address. */
    factQuestions: { hours: RegExp; address: RegExp };
    /** Words a question shares with any fact ("сколько", "стоит"): they do not pick a fact. */
    factNoise: ReadonlySet<string>;
  };
}
