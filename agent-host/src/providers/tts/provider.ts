import { tokenize, tts } from '@livekit/agents';
import { AudioResampler } from '@livekit/rtc-node';
import { concatBytes, frameToPcm } from '../audio.ts';
import type { TTSProvider } from '../types.ts';

/**
 * The seed's `TTSProvider` over LiveKit TTS instances, one per voice (built lazily by `forVoice`).
 * Audio comes out as PCM16LE mono at `sampleRate` (resampled when a provider speaks at another rate).
 *
 * @example
 * const speaker = new LiveKitTtsProvider('chain', (voice) => buildTtsChain(config, env, health, { voice }).tts, 24_000);
 * const pcm = await speaker.synthesize('Здравствуйте! Чем могу помочь?', 'russian-female-1');
 */
export class LiveKitTtsProvider implements TTSProvider {
  readonly name: string;
  readonly sampleRate: number;
  readonly #forVoice: (voiceId: string | undefined) => tts.TTS;
  readonly #byVoice = new Map<string, tts.TTS>();

  constructor(name: string, forVoice: (voiceId: string | undefined) => tts.TTS, sampleRate: number) {
    this.name = name;
    this.#forVoice = forVoice;
    this.sampleRate = sampleRate;
  }

  async synthesize(text: string, voiceId?: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const c of this.synthesizeStream(text, voiceId)) chunks.push(c);
    return concatBytes(chunks);
  }

  /** Streams through the provider's streaming path (WebSocket for Cartesia/ElevenLabs, sentence-wise for espeak-ng). */
  async *synthesizeStream(text: string, voiceId?: string): AsyncIterable<Uint8Array> {
    const instance = this.#instance(voiceId);
    const stream = instance.capabilities.streaming ? instance.stream() : new tts.StreamAdapter(instance, new tokenize.basic.SentenceTokenizer()).stream();
    const resampler = instance.sampleRate === this.sampleRate ? null : new AudioResampler(instance.sampleRate, this.sampleRate, 1);
    stream.pushText(text);
    stream.flush();
    stream.endInput();
    try {
      for await (const ev of stream) {
        if (ev === tts.SynthesizeStream.END_OF_STREAM) break;
        for (const frame of resampler ? resampler.push(ev.frame) : [ev.frame]) yield frameToPcm(frame);
      }
      if (resampler) for (const frame of resampler.flush()) yield frameToPcm(frame);
    } finally {
      stream.close();
      resampler?.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#byVoice.values()].map((t) => t.close()));
    this.#byVoice.clear();
  }

  #instance(voiceId: string | undefined): tts.TTS {
    const key = voiceId ?? '';
    let instance = this.#byVoice.get(key);
    if (!instance) {
      instance = this.#forVoice(voiceId);
      this.#byVoice.set(key, instance);
    }
    return instance;
  }
}
