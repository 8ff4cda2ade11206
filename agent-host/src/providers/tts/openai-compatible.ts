import { type APIConnectOptions, APIStatusError, tts } from '@livekit/agents';
import { AudioResampler } from '@livekit/rtc-node';
import OpenAI from 'openai';
import { frameToPcm, pcmToFrame } from '../audio.ts';
import { ensureAgentsLogger, envValue, requireEnv, type ProviderEnv } from '../env.ts';
import { ProviderError, statusOf, toProviderError } from '../errors.ts';
import type { TtsRef } from './cartesia.ts';
import { PcmChunkedStream } from './pcm-chunked-stream.ts';
import { resolveVoice } from './voices.ts';
import { WavStreamReader } from './wav-stream.ts';

/** Piper's medium voices speak at 22.05 kHz; Silero's at 24/48 kHz (set OPENAI_TTS_SAMPLE_RATE). */
export const defaultOpenAICompatibleTtsOptions = { model: 'tts-1', sampleRate: 22_050, timeoutMs: 10_000 } as const;

/** Options for {@link OpenAICompatibleTTS}. */
export interface OpenAICompatibleTtsOptions {
  /** Server root or `/v1` root, e.g. `http://gpu-box:8000`. */
  baseURL: string;
  apiKey?: string;
  model: string;
  voice: string;
  /** Rate this TTS reports to the pipeline; the server's WAV is resampled to it when it differs. */
  sampleRate: number;
  speed?: number;
}

/**
 * Self-hosted speech through an OpenAI-compatible `POST /v1/audio/speech` server (openedai-speech with Piper
 * voices, a Silero wrapper…) via the official `openai` client, on the company's own GPU box: `response_format:
 * wav`, read as the body streams so the first audio plays before the whole sentence is synthesized.
 */
export class OpenAICompatibleTTS extends tts.TTS {
  label = 'openai-compatible.TTS';
  readonly #opts: OpenAICompatibleTtsOptions;
  readonly #client: OpenAI;

  constructor(opts: OpenAICompatibleTtsOptions) {
    super(opts.sampleRate, 1, { streaming: false });
    this.#opts = opts;
    const root = opts.baseURL.replace(/\/+$/, '');
    this.#client = new OpenAI({
      baseURL: /\/v1$/.test(root) ? root : `${root}/v1`,
      apiKey: opts.apiKey ?? 'no-key', // self-hosted servers usually ignore it; the client needs one
      maxRetries: 0,
      timeout: defaultOpenAICompatibleTtsOptions.timeoutMs,
    });
  }

  override get model(): string {
    return this.#opts.model;
  }

  override get provider(): string {
    return 'openai-compatible';
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new SpeechChunkedStream(this, this.#client, this.#opts, text, connOptions, abortSignal);
  }

  stream(): tts.SynthesizeStream {
    throw new Error('openai-compatible.TTS synthesizes per sentence: wrap it with tts.StreamAdapter (FallbackAdapter does this)');
  }
}

class SpeechChunkedStream extends PcmChunkedStream {
  label = 'openai-compatible.ChunkedStream';
  readonly #client: OpenAI;
  readonly #opts: OpenAICompatibleTtsOptions;

  constructor(owner: OpenAICompatibleTTS, client: OpenAI, opts: OpenAICompatibleTtsOptions, text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal) {
    super(owner, text, connOptions, abortSignal);
    this.#client = client;
    this.#opts = opts;
  }

  protected async *pcm(): AsyncIterable<Uint8Array> {
    const o = this.#opts;
    const wav = new WavStreamReader();
    let resampler: AudioResampler | undefined;
    try {
      const res = await this.#client.audio.speech.create(
        { model: o.model, voice: o.voice, input: this.inputText, response_format: 'wav', ...(o.speed ? { speed: o.speed } : {}) },
        { signal: this.abortSignal },
      );
      if (!res.body) throw new APIStatusError({ message: 'openai-compatible tts: empty body', options: { statusCode: 502, retryable: true } });
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        const pcm = wav.push(chunk);
        if (!pcm.byteLength) continue;
        if (wav.sampleRate === o.sampleRate) {
          yield pcm;
          continue;
        }
        resampler ??= new AudioResampler(wav.sampleRate, o.sampleRate, 1);
        for (const f of resampler.push(pcmToFrame(pcm, wav.sampleRate))) yield frameToPcm(f);
      }
      if (resampler) for (const f of resampler.flush()) yield frameToPcm(f);
    } catch (e) {
      if (this.abortSignal.aborted) return;
      throw classify(e);
    } finally {
      resampler?.close();
    }
  }
}

/** 401/403 → fatal naming OPENAI_TTS_API_KEY; 408/429/5xx and network errors → retryable for the fallback chain. */
function classify(e: unknown): Error {
  if (e instanceof ProviderError || e instanceof APIStatusError) return e;
  const status = statusOf(e);
  if (status === 401 || status === 403) {
    return new ProviderError(`OPENAI_TTS_API_KEY rejected (${status}) by openai-compatible tts — check the key in the environment`, {
      provider: 'openai-compatible',
      kind: 'tts',
      status,
      retryable: false,
      fatal: true,
    });
  }
  if (status !== undefined) {
    const retryable = status === 408 || status === 429 || status >= 500;
    return new APIStatusError({ message: `openai-compatible tts failed with HTTP ${status}`, options: { statusCode: status, retryable } });
  }
  const pe = toProviderError('openai-compatible', 'tts', e);
  return new APIStatusError({ message: pe.message, options: { statusCode: 503, retryable: true } });
}

/** Build the self-hosted TTS from the env: `OPENAI_TTS_URL`, `OPENAI_TTS_API_KEY`, `OPENAI_TTS_MODEL`, `OPENAI_TTS_SAMPLE_RATE`. */
export function createOpenAICompatibleTts(ref: TtsRef, env: ProviderEnv, voice?: string): tts.TTS {
  const baseURL = requireEnv(env, 'OPENAI_TTS_URL', 'openai-compatible', 'tts');
  ensureAgentsLogger();
  const rate = Number(envValue(env, 'OPENAI_TTS_SAMPLE_RATE'));
  const apiKey = envValue(env, 'OPENAI_TTS_API_KEY');
  return new OpenAICompatibleTTS({
    baseURL,
    ...(apiKey ? { apiKey } : {}),
    model: ref.model ?? envValue(env, 'OPENAI_TTS_MODEL') ?? defaultOpenAICompatibleTtsOptions.model,
    voice: resolveVoice('openai-compatible', ref.voice ?? voice, env),
    sampleRate: Number.isInteger(rate) && rate >= 8_000 ? rate : defaultOpenAICompatibleTtsOptions.sampleRate,
  });
}
