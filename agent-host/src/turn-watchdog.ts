import { voice } from '@livekit/agents';
import { silentLogger, type Logger } from './logger.ts';

/** How long a final transcript may sit uncommitted after the caller's last words: the max endpointing delay + a margin. */
export const DEFAULT_TURN_GRACE_MS = 4000;

/**
 * The committed-turn watchdog — a safety net, not the turn-taking. agents-js commits a final
 * transcript on the VAD's end of speech, or on the final itself when the VAD is not in speech.
 * Should a final still sit uncommitted `graceMs` after the caller's last transcribed words while
 * the caller is not speaking (a path agents-js misses), the turn is committed by hand
 * (`session.commitUserTurn()`) instead of being left to the silence reprompt half a minute later.
 * Each rescue is logged as a warning: it means a turn-taking defect worth finding.
 */
export class TurnWatchdog {
  readonly #graceMs: number;
  readonly #logger: Logger;
  #session: voice.AgentSession | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Final words since the last committed turn. */
  #pending: string[] = [];
  /** Turns committed by the watchdog (each one a turn agents-js left hanging). */
  rescues = 0;
  /** Called with the words of each rescued turn (the audio harness puts it on its timeline). */
  onRescue: ((text: string) => void) | undefined;

  constructor(opts: { graceMs?: number; logger?: Logger } = {}) {
    this.#graceMs = opts.graceMs ?? DEFAULT_TURN_GRACE_MS;
    this.#logger = opts.logger ?? silentLogger;
  }

  attach(session: voice.AgentSession): void {
    this.#session = session;
    session.on(voice.AgentSessionEventTypes.UserInputTranscribed, (ev) => {
      if (ev.isFinal && ev.transcript.trim()) this.#pending.push(ev.transcript.trim());
      this.#arm();
    });
    session.on(voice.AgentSessionEventTypes.UserStateChanged, (ev) => {
      if (ev.newState === 'speaking') this.#clear();
      else this.#arm();
    });
    session.on(voice.AgentSessionEventTypes.ConversationItemAdded, (ev) => {
      if (ev.item.type === 'message' && ev.item.role === 'user') this.committed();
    });
    session.on(voice.AgentSessionEventTypes.Close, () => this.close());
  }

  /** A user turn was committed (also one the agent consumed without a reply, like a backchannel). */
  committed(): void {
    this.#pending = [];
    this.#clear();
  }

  close(): void {
    this.#clear();
    this.#session = undefined;
  }

  #arm(): void {
    this.#clear();
    if (!this.#pending.length || !this.#session) return;
    this.#timer = setTimeout(() => this.#fire(), this.#graceMs);
    this.#timer.unref?.();
  }

  #clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    this.#timer = undefined;
    const session = this.#session;
    if (!session || !this.#pending.length || session.userState === 'speaking') return;
    const text = this.#pending.join(' ');
    this.#pending = [];
    this.rescues += 1;
    this.#logger.warn({ graceMs: this.#graceMs, chars: text.length }, 'final transcript left uncommitted; committing the turn');
    try {
      session.commitUserTurn();
    } catch (err) {
      this.#logger.warn({ err: (err as Error).message }, 'could not commit the user turn');
      return;
    }
    this.onRescue?.(text);
  }
}
