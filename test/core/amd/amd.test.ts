import { describe, expect, it } from 'vitest';
import { AmdListener, amdStep, BeepDetector, classifyWords, initialAmdState, type AmdEvent } from '../../../core/amd/index.ts';

const RATE = 8000;
/** A pure tone, `ms` long. */
const tone = (ms: number, hz: number, amp = 8000) => Int16Array.from({ length: (RATE * ms) / 1000 }, (_, i) => Math.round(amp * Math.sin((2 * Math.PI * hz * i) / RATE)));
/** Speech-like sound: several harmonics with a wobbling pitch and syllable-rate loudness. */
const voice = (ms: number) => Int16Array.from({ length: (RATE * ms) / 1000 }, (_, i) => {
  const t = i / RATE;
  const f0 = 140 + 30 * Math.sin(2 * Math.PI * 3 * t);
  const env = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
  let v = 0;
  for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t + h) / h;
  return Math.round(4000 * env * v);
});
const silence = (ms: number) => new Int16Array((RATE * ms) / 1000);
const join = (...parts: Int16Array[]) => { const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0)); let o = 0; for (const p of parts) (out.set(p, o), (o += p.length)); return out; };

/** Feeds 20 ms chunks until a verdict (and, for machines, the message time) or the end. */
function listen(audio: Int16Array, words?: { atMs: number; text: string }[]) {
  const amd = new AmdListener(RATE);
  for (let o = 0; o < audio.length; o += 160) {
    const s = amd.pushAudio(audio.subarray(o, o + 160));
    for (const w of words ?? []) if (w.atMs <= amd.elapsedMs && !amd.state.text.includes(w.text)) amd.pushWords(w.text);
    if (s.verdict && (s.verdict.kind === 'person' || s.messageAtMs !== null)) break;
  }
  return amd.state;
}

describe('answering-machine detection', () => {
  it('finds a 1 kHz beep of 400 ms, and not one in speech or in a 60 ms click', () => {
    const d = new BeepDetector(RATE);
    d.push(join(voice(1500), silence(200), tone(400, 1000), silence(300), tone(60, 1500), silence(200)));
    d.flush();
    expect(d.beeps).toEqual([{ atMs: 1700, durationMs: 400, hz: 1000 }]);
    const odd = new BeepDetector(RATE);
    odd.push(join(tone(300, 1437), silence(100)));
    expect(odd.beeps.map((b) => Math.abs(b.hz - 1437) <= 25)).toEqual([true]);
  });

  it('a short «алло» then a pause is a person, decided within a second of the pause', () => {
    const s = listen(join(silence(400), voice(600), silence(3000)));
    expect(s.verdict).toMatchObject({ kind: 'person', reason: expect.stringMatching(/^short greeting 0\.\d s, then a pause$/) });
    expect(s.verdict!.atMs).toBeLessThan(400 + 600 + 1000);
  });

  it('a long greeting is a machine; the message waits for the beep', () => {
    const s = listen(join(silence(300), voice(1800), silence(300), voice(2200), silence(250), tone(500, 1000), silence(3000)));
    expect(s.verdict).toMatchObject({ kind: 'voicemail', reason: expect.stringMatching(/^long greeting/) });
    expect(s.messageAtMs).toBeGreaterThanOrEqual(300 + 1800 + 300 + 2200 + 250 + 500);
    expect(s.messageAtMs).toBeLessThan(300 + 1800 + 300 + 2200 + 250 + 500 + 600);
  });

  it('words decide before the length does: screening questions and voicemail phrases', () => {
    expect(classifyWords('Здравствуйте я голосовой помощник Анны представьтесь пожалуйста')).toEqual({ kind: 'screening', cue: 'я голосовой помощник' });
    expect(classifyWords('Абонент не может ответить на ваш звонок')).toEqual({ kind: 'voicemail', cue: 'абонент не может ответить' });
    expect(classifyWords('Алло')).toEqual({ kind: 'person', cue: 'алло' });
    expect(classifyWords('здравствуйте запишите меня')).toBeNull();
    const s = listen(join(voice(1500), silence(200), voice(2500), silence(2000)), [{ atMs: 1900, text: 'Здравствуйте, я помощник абонента' }]);
    expect(s.verdict).toMatchObject({ kind: 'screening', reason: 'phrase «я помощник»' });
    expect(s.verdict!.atMs).toBeLessThan(2600);
  });

  it('silence is a person waiting for us; a verdict never changes once made', () => {
    const events: AmdEvent[] = [{ type: 'tick', atMs: 1000 }, { type: 'tick', atMs: 3600 }, { type: 'beep', atMs: 3700 }];
    const s = events.reduce((st, e) => amdStep(st, e), initialAmdState());
    expect(s.verdict).toEqual({ kind: 'person', reason: 'silence for 3.6 s', atMs: 3600 });
  });
});
