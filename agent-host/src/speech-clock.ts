import type { SimulatedTurn } from './simulator.ts';

/** How a simulated call's time passes: speaking pace, and the pause before each reply. */
export const speechPaceDefaults = { msPerChar: 65, pauseMs: 600 } as const;

/** How long saying `text` takes on the phone, pause before it included. */
export const speechMs = (text: string, pace = speechPaceDefaults) => pace.pauseMs + text.length * pace.msPerChar;

/**
 * The clock of a simulated call: it starts at `start` and moves on only as the lines would be spoken (a silence
 * lasts the bot's silence timeout), so a piped call has the duration and turn times of the same call on the phone.
 * @example const clock = new SpeechClock(new Date()); clock.pass({ role: 'bot', text: 'Здравствуйте!' }, 10);
 */
export class SpeechClock {
  #t: number;

  constructor(start: Date, private readonly pace = speechPaceDefaults) {
    this.#t = start.getTime();
  }

  /** The current simulated time (pass it as the agent's clock). */
  readonly now = (): Date => new Date(this.#t);

  /** Time moves on by one turn: its speech, or `silenceTimeoutSec` for a silent caller. */
  pass(turn: SimulatedTurn, silenceTimeoutSec: number): void {
    this.#t += turn.silence ? silenceTimeoutSec * 1000 : speechMs(turn.text, this.pace);
  }
}
