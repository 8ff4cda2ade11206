import { classifyWords } from './phrases.ts';

/**
 * Answering-machine detection for outbound calls: from the first seconds after the callee picks up — how long the
 * greeting is, whether a pause for a reply follows, a beep, and (when the host has speech recognition) the words —
 * decide whether a person, an answering machine (or an operator's "unavailable" message) or a call-screening
 * assistant answered. A pure reducer: the host feeds events with times in ms since the answer.
 */
export interface AmdOptions {
  /** A greeting up to this long followed by a pause is a person ("алло", "да, слушаю"). */
  personMaxGreetingMs: number;
  /** The pause after a greeting that hands the turn over. */
  replyPauseMs: number;
  /** Speech this long without such a pause is a recording. */
  machineMinGreetingMs: number;
  /** Nobody speaks for this long: treat as a person waiting for us. */
  maxInitialSilenceMs: number;
  /** Decide by then whatever was heard. */
  maxDecisionMs: number;
  /** The host recognizes words: a long greeting waits this much longer for them (they tell screening from voicemail). */
  wordsGraceMs: number | null;
  /** After a voicemail verdict, the message starts once the greeting has been silent this long (no beep heard). */
  messageSilenceMs: number;
}

export const defaultAmdOptions: AmdOptions = {
  personMaxGreetingMs: 1800,
  replyPauseMs: 700,
  machineMinGreetingMs: 2600,
  maxInitialSilenceMs: 3500,
  maxDecisionMs: 5000,
  wordsGraceMs: 900,
  messageSilenceMs: 1300,
};

export type AmdKind = 'person' | 'voicemail' | 'screening';

export interface AmdVerdict {
  kind: AmdKind;
  /** Why, in words for the call's record ("beep", "phrase «оставьте сообщение»", "long greeting 4.2 s"). */
  reason: string;
  /** When it was decided, ms since the answer. */
  atMs: number;
}

export type AmdEvent =
  | { type: 'speech_start'; atMs: number }
  | { type: 'speech_end'; atMs: number }
  /** Recognized words so far (partial or final), the whole text heard since the answer. */
  | { type: 'words'; text: string; atMs: number }
  /** A beep ended at `atMs`. */
  | { type: 'beep'; atMs: number }
  | { type: 'tick'; atMs: number };

export interface AmdState {
  /** Closed speech segments, ms since the answer. */
  segments: { startMs: number; endMs: number }[];
  /** Start of the segment in progress. */
  speakingSince: number | null;
  text: string;
  beepAtMs: number | null;
  verdict: AmdVerdict | null;
  /** Voicemail: when the message may start (after the beep, or once the greeting fell silent); null until then. */
  messageAtMs: number | null;
}

export const initialAmdState = (): AmdState => ({ segments: [], speakingSince: null, text: '', beepAtMs: null, verdict: null, messageAtMs: null });

/** Pauses shorter than this join two segments into one utterance. */
const JOIN_GAP_MS = 450;
const MESSAGE_MAX_WAIT_MS = 15_000;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Utterances (segments joined across short pauses), the one in progress ending at `now`. */
function utterances(s: AmdState, now: number): { startMs: number; endMs: number; open: boolean }[] {
  const all = [...s.segments.map((x) => ({ ...x, open: false })), ...(s.speakingSince !== null ? [{ startMs: s.speakingSince, endMs: now, open: true }] : [])];
  const out: { startMs: number; endMs: number; open: boolean }[] = [];
  for (const seg of all) {
    const last = out.at(-1);
    if (last && seg.startMs - last.endMs < JOIN_GAP_MS) (last.endMs = seg.endMs), (last.open = seg.open);
    else out.push({ ...seg });
  }
  return out;
}

function decide(s: AmdState, now: number, o: AmdOptions): AmdVerdict | null {
  const v = (kind: AmdKind, reason: string): AmdVerdict => ({ kind, reason, atMs: now });
  const words = s.text ? classifyWords(s.text) : null;
  if (words && words.kind !== 'person') return v(words.kind, `phrase «${words.cue}»`);
  if (s.beepAtMs !== null) return v('voicemail', 'beep');
  const us = utterances(s, now);
  const first = us[0];
  if (!first) return now >= o.maxInitialSilenceMs ? v('person', `silence for ${secs(now)}`) : null;
  const firstLen = first.endMs - first.startMs;
  const speech = us.reduce((n, u) => n + u.endMs - u.startMs, 0);
  if (firstLen >= o.machineMinGreetingMs) {
    const waited = now - (first.startMs + o.machineMinGreetingMs);
    if (o.wordsGraceMs === null || waited >= o.wordsGraceMs) return v('voicemail', `long greeting ${secs(firstLen)}${first.open ? '+' : ''}`);
  }
  if (!first.open && us.length === 1 && now - first.endMs >= o.replyPauseMs && firstLen < o.machineMinGreetingMs) {
    return v('person', firstLen <= o.personMaxGreetingMs ? `short greeting ${secs(firstLen)}, then a pause` : `greeting ${secs(firstLen)}, then a pause`);
  }
  if (us.length >= 3 && speech >= 2000) return v('voicemail', `${us.length} phrases without waiting for a reply`);
  if (now >= o.maxDecisionMs) return speech >= 2000 ? v('voicemail', `speech ${secs(speech)} in ${secs(now)}`) : v('person', `undecided after ${secs(now)}`);
  return null;
}

/** When a voicemail message may start: right after the beep, or once the greeting has been quiet long enough. */
function messageAt(s: AmdState, now: number, o: AmdOptions): number | null {
  if (s.beepAtMs !== null) return Math.max(s.beepAtMs + 150, s.verdict!.atMs);
  if (s.verdict!.kind === 'screening') return now;
  const lastEnd = s.segments.at(-1)?.endMs ?? 0;
  if (s.speakingSince === null && now - lastEnd >= o.messageSilenceMs) return now;
  return now - s.verdict!.atMs >= MESSAGE_MAX_WAIT_MS ? now : null;
}

/** One event: the new state (the given one is not changed). Once decided, the verdict stays; voicemail then times the message. */
export function amdStep(state: AmdState, event: AmdEvent, opts: AmdOptions = defaultAmdOptions): AmdState {
  const s: AmdState = { ...state, segments: [...state.segments] };
  const now = event.atMs;
  if (event.type === 'speech_start' && s.speakingSince === null) s.speakingSince = now;
  if (event.type === 'speech_end' && s.speakingSince !== null) {
    s.segments.push({ startMs: s.speakingSince, endMs: now });
    s.speakingSince = null;
  }
  if (event.type === 'words') s.text = event.text;
  if (event.type === 'beep') s.beepAtMs = now;
  if (!s.verdict) s.verdict = decide(s, now, opts);
  if (s.verdict && s.verdict.kind !== 'person' && s.messageAtMs === null) s.messageAtMs = messageAt(s, now, opts);
  return s;
}
