import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenAnswer } from '../../../agent-host/src/telephony/amd-watch.ts';

const RATE = 8000;
const hasTools = (() => {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasTools) console.warn('amd-watch tests skipped: needs espeak-ng and sox (apt-get install -y espeak-ng sox)');

const dir = hasTools ? mkdtempSync(join(tmpdir(), 'amd-')) : '';
let n = 0;
/** Telephone audio (8 kHz PCM16) of a Russian phrase, by espeak-ng and sox. */
function speak(text: string): Int16Array {
  const wav = join(dir, `p${++n}.wav`);
  const raw = join(dir, `p${n}.raw`);
  execFileSync('espeak-ng', ['-v', 'ru', '-w', wav, text]);
  execFileSync('sox', ['-v', '0.9', wav, '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw]);
  const b = readFileSync(raw);
  return new Int16Array(b.buffer, b.byteOffset, b.length / 2);
}
function beep(hz: number): Int16Array {
  const raw = join(dir, `beep${hz}.raw`);
  execFileSync('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw, 'synth', '0.4', 'sine', String(hz), 'vol', '0.4']);
  const b = readFileSync(raw);
  return new Int16Array(b.buffer, b.byteOffset, b.length / 2);
}
const gap = (ms: number) => new Int16Array((RATE * ms) / 1000);

/** The audio as a live track delivers it: 20 ms frames; `heard` counts what the screen consumed. */
function frames(...parts: Int16Array[]) {
  return framesWith(null, ...parts);
}

/** As {@link frames}, with `at.run()` called once the audio reaches `at.ms` (a recognizer's final arriving). */
function framesWith(at: { ms: number; run: () => void } | null, ...parts: Int16Array[]) {
  const all = new Int16Array(parts.reduce((k, p) => k + p.length, 0));
  let o = 0;
  for (const p of parts) (all.set(p, o), (o += p.length));
  const state = { heardMs: 0 };
  async function* gen() {
    for (let i = 0; i < all.length; i += 160) {
      state.heardMs += 20;
      if (at && state.heardMs === at.ms) at.run();
      yield all.subarray(i, i + 160);
    }
  }
  return { gen: gen(), state };
}

describe.skipIf(!hasTools)('screening an answered outbound call (espeak-ng audio)', () => {
  it('«алло» and a pause: a person, right after the pause', async () => {
    const hello = speak('Алло');
    const f = frames(gap(400), hello, gap(4000));
    expect(await screenAnswer(f.gen, { sampleRate: RATE })).toBeNull();
    expect(f.state.heardMs).toBeLessThan(400 + (hello.length / RATE) * 1000 + 1200);
  });

  it('a voicemail greeting and a beep: the machine verdict arrives after the beep, not over the greeting', async () => {
    const greeting = speak('Здравствуйте, вы позвонили Ирине. Сейчас я не могу ответить. Оставьте сообщение после сигнала.');
    const f = frames(gap(300), greeting, gap(300), beep(1000), gap(3000));
    const verdict = await screenAnswer(f.gen, { sampleRate: RATE });
    expect(verdict?.kind).toBe('voicemail');
    const beepEndMs = 300 + (greeting.length / RATE) * 1000 + 300 + 400;
    expect(f.state.heardMs).toBeGreaterThanOrEqual(beepEndMs);
    expect(f.state.heardMs).toBeLessThan(beepEndMs + 1500);
  });

  it('words from the recognizer catch a screening assistant', async () => {
    const ask = speak('Здравствуйте, я голосовой помощник. Представьтесь, пожалуйста, и скажите, по какому вопросу вы звоните.');
    let push: ((t: string) => void) | null = null;
    const f = framesWith({ ms: 2000, run: () => push?.('здравствуйте я голосовой помощник') }, gap(200), ask, gap(3000));
    const verdict = await screenAnswer(f.gen, { sampleRate: RATE, words: (cb) => ((push = cb), () => (push = null)) });
    expect(verdict).toMatchObject({ kind: 'screening', reason: 'phrase «я голосовой помощник»' });
    expect(f.state.heardMs).toBe(2000);
  });
});
