import { spawnSync } from 'node:child_process';
import type { VAD } from '@livekit/agents';
import { afterEach, beforeAll } from 'vitest';
import type { LocalServer } from '../../support/servers/http-util.ts';
import { AudioFrame, AudioResampler } from '@livekit/rtc-node';
import { espeakToWav } from '../../../agent-host/src/providers/tts/espeak.ts';
import { pcmToFrame } from '../../../agent-host/src/providers/audio.ts';
import { speechLikePcm } from '../../support/servers/tone.ts';

/** True when the espeak-ng binary is on PATH (CI installs it with `apt-get install -y espeak-ng`). */
export const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0;
export const ESPEAK_SKIP_REASON = 'espeak-ng is not installed: run `apt-get install -y espeak-ng sox` to enable this test';

/** Russian speech from espeak-ng as 20 ms frames at `rate` Hz, followed by `silenceMs` of silence. */
export async function speechFrames(text: string, rate = 16_000, silenceMs = 800): Promise<AudioFrame[]> {
  const wav = await espeakToWav(text);
  const resampler = new AudioResampler(wav.sampleRate, rate, 1);
  const src = pcmToFrame(wav.pcm, wav.sampleRate);
  const out = [...resampler.push(src), ...resampler.flush()];
  resampler.close();
  const merged = new Int16Array(out.reduce((n, f) => n + f.data.length, 0) + Math.round((rate * silenceMs) / 1000));
  let off = 0;
  for (const f of out) {
    merged.set(f.data, off);
    off += f.data.length;
  }
  const step = rate / 50;
  const frames: AudioFrame[] = [];
  for (let i = 0; i < merged.length; i += step) {
    const chunk = merged.slice(i, i + step);
    frames.push(new AudioFrame(chunk, rate, 1, chunk.length));
  }
  return frames;
}

/** Speech-like audio that needs no espeak (the local recognizers' energy detector hears it), then silence, as 20 ms frames. */
export function speechLikeFrames(text: string, rate: number, silenceMs = 800): AudioFrame[] {
  const pcm = Buffer.concat([speechLikePcm(text, rate), Buffer.alloc(Math.round((rate * silenceMs) / 1000) * 2)]);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2);
  const step = rate / 50;
  const frames: AudioFrame[] = [];
  for (let i = 0; i < samples.length; i += step) {
    const chunk = samples.slice(i, i + step);
    frames.push(new AudioFrame(chunk, rate, 1, chunk.length));
  }
  return frames;
}

/** Feed frames as a real-time-ish async source (a short pause every 10 frames keeps the event loop fair). */
export async function* asSource<T>(items: readonly T[]): AsyncIterable<T> {
  let i = 0;
  for (const item of items) {
    if (++i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
    yield item;
  }
}

/**
 * What every STT chain test file needs: local servers pushed to `servers` are closed after each test, and one
 * Silero VAD is loaded for the file (`vad()` inside tests).
 */
export function sttTestHooks(): { servers: LocalServer[]; vad: () => VAD } {
  const servers: LocalServer[] = [];
  let vad: VAD | undefined;
  beforeAll(async () => {
    vad = await (await import('@livekit/agents-plugin-silero')).VAD.load();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return { servers, vad: () => vad! };
}
