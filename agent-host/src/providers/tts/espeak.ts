import { spawn } from 'node:child_process';
import { APIConnectionError, APIError, shortuuid, tts, type APIConnectOptions } from '@livekit/agents';
import { parseWav, pcmToFrames, type WavData } from '../audio.ts';
import { ensureAgentsLogger } from '../env.ts';

/** Options for the local espeak-ng voice. */
export interface EspeakOptions {
  /** espeak-ng voice, e.g. `ru`, `ru+f3` (female variant), `ru+m3`. */
  voice: string;
  /** Words per minute (espeak default 175; 150–160 sounds calmer on the phone). */
  wordsPerMinute: number;
  /** Binary path. */
  bin: string;
  /** Give up after this long (a stuck process must not hang a turn). */
  timeoutMs: number;
}

export const defaultEspeakOptions: EspeakOptions = {
  voice: 'ru+f3',
  wordsPerMinute: 155,
  bin: 'espeak-ng',
  timeoutMs: 10_000,
};

/** espeak-ng's native output rate (22.05 kHz mono PCM16). */
export const ESPEAK_SAMPLE_RATE = 22_050;

/** Raised when the espeak-ng binary is missing: install with `apt-get install -y espeak-ng`. */
export class EspeakMissingError extends APIError {
  constructor(bin: string) {
    super(`espeak-ng not found ("${bin}"): install it with \`apt-get install -y espeak-ng\` or set ESPEAK_BIN`, {
      retryable: false,
    });
    this.name = 'EspeakMissingError';
  }
}

/**
 * Speak `text` with espeak-ng and return the WAV it writes to stdout.
 * The text goes through stdin so a reply starting with "-" is never read as a flag.
 */
export function espeakToWav(text: string, opts: Partial<EspeakOptions> = {}, signal?: AbortSignal): Promise<WavData> {
  const o = { ...defaultEspeakOptions, ...opts };
  return new Promise((resolve, reject) => {
    const child = spawn(o.bin, ['-v', o.voice, '-s', String(o.wordsPerMinute), '--stdout'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      signal,
      timeout: o.timeoutMs,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new EspeakMissingError(o.bin) : new APIConnectionError({ message: `espeak-ng failed: ${e.message}` }));
    });
    child.on('close', (code) => {
      if (code !== 0) return reject(new APIConnectionError({ message: `espeak-ng exited with ${code}: ${err.trim()}` }));
      try {
        resolve(parseWav(new Uint8Array(Buffer.concat(out))));
      } catch (e) {
        reject(new APIError(`espeak-ng wrote unreadable audio: ${(e as Error).message}`, { retryable: false }));
      }
    });
    child.stdin.end(text);
  });
}

/**
 * A LiveKit `tts.TTS` over the local espeak-ng binary: no keys, no network, Russian out of the box.
 * Non-streaming (one process per sentence); LiveKit's `tts.StreamAdapter`/`FallbackAdapter` wrap it for streams.
 */
export class EspeakTTS extends tts.TTS {
  label = 'espeak.TTS';
  readonly #opts: EspeakOptions;

  constructor(opts: Partial<EspeakOptions> = {}) {
    super(ESPEAK_SAMPLE_RATE, 1, { streaming: false });
    ensureAgentsLogger();
    this.#opts = { ...defaultEspeakOptions, ...opts };
  }

  override get model(): string {
    return 'espeak-ng';
  }

  override get provider(): string {
    return 'espeak';
  }

  get voice(): string {
    return this.#opts.voice;
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new EspeakChunkedStream(this, text, this.#opts, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('espeak.TTS is not streaming: wrap it with tts.StreamAdapter (FallbackAdapter does this)');
  }
}

class EspeakChunkedStream extends tts.ChunkedStream {
  label = 'espeak.ChunkedStream';
  readonly #opts: EspeakOptions;

  constructor(owner: EspeakTTS, text: string, opts: EspeakOptions, connOptions?: APIConnectOptions, abortSignal?: AbortSignal) {
    super(text, owner, connOptions, abortSignal);
    this.#opts = opts;
  }

  protected async run(): Promise<void> {
    const requestId = shortuuid();
    const wav = await espeakToWav(this.inputText, this.#opts, this.abortSignal);
    const frames = pcmToFrames(wav.pcm, wav.sampleRate, 100);
    frames.forEach((frame, i) => {
      this.queue.put({ requestId, segmentId: requestId, frame, final: i === frames.length - 1 });
    });
  }
}
