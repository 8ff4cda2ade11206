import { describe, expect, it } from 'vitest';
import { muLawDecode, muLawEncode, muLawRoundTrip, LineNoise, speechRms } from '../../../agent-host/src/audio/line.ts';
import { PhoneChannel } from '../../../agent-host/src/audio/phone-channel.ts';
import { parseCallerScript, parseSay } from '../../../agent-host/src/audio/caller-script.ts';
import { wordEnds } from '../../../agent-host/src/audio/caller-voice.ts';
import { scoreTurns, type TimelineEvent, type TurnRecord } from '../../../agent-host/src/audio/timeline.ts';

describe('G.711 μ-law', () => {
  it('encodes silence and full scale as the standard bytes', () => {
    expect(muLawEncode(0)).toBe(0xff);
    expect(muLawEncode(32767)).toBe(0x80);
    expect(muLawEncode(-32768)).toBe(0x00);
    expect(muLawDecode(0xff)).toBe(0);
  });
  it('round-trips speech with the codec\'s relative error (under 7 % above the quiet range)', () => {
    const pcm = Int16Array.from({ length: 2000 }, (_, i) => Math.round(12000 * Math.sin(i / 7)));
    const back = muLawRoundTrip(pcm.slice());
    for (let i = 0; i < pcm.length; i++) {
      if (Math.abs(pcm[i]!) > 500) expect(Math.abs(back[i]! - pcm[i]!) / Math.abs(pcm[i]!)).toBeLessThan(0.07);
    }
  });
});

describe('the phone channel the caller hears the bot through', () => {
  const tone = (hz: number, n = 16000) => Int16Array.from({ length: n }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 16000)));
  const rms = (x: Int16Array, from = 800) => Math.sqrt(x.subarray(from).reduce((s, v) => s + v * v, 0) / (x.length - from));

  it('keeps the telephone band and drops what lies above 4 kHz', () => {
    const low = tone(1000);
    const high = tone(6000);
    expect(rms(new PhoneChannel().process(low.slice())) / rms(low)).toBeGreaterThan(0.85);
    expect(rms(new PhoneChannel().process(high.slice())) / rms(high)).toBeLessThan(0.1);
  });

  it('fills the bot\'s silences with line noise instead of digital zero, streamed in blocks of any size', () => {
    const channel = new PhoneChannel(new LineNoise(30, 3000, 3));
    const blocks = [new Int16Array(161), new Int16Array(319), new Int16Array(1600)].map((b) => channel.process(b));
    for (const b of blocks) expect(rms(b, 0)).toBeGreaterThan(20);
  });
});

describe('line noise', () => {
  it('sits the asked number of dB below the speech level, the same on every run', () => {
    const a = new LineNoise(20, 3000, 5).addTo(new Int16Array(16000));
    const b = new LineNoise(20, 3000, 5).addTo(new Int16Array(16000));
    expect(a).toEqual(b);
    const rms = Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
    expect(rms).toBeGreaterThan(270);
    expect(rms).toBeLessThan(330);
    expect(speechRms(new LineNoise(undefined, 3000).addTo(new Int16Array(100)))).toBe(0);
  });
});

describe('caller scripts', () => {
  it('splits an utterance into chunks and pauses', () => {
    expect(parseSay('восемь девятьсот | 800ms | сто двадцать три | 1.5s | сорок пять')).toEqual([
      { say: 'восемь девятьсот' },
      { pauseMs: 800 },
      { say: 'сто двадцать три' },
      { pauseMs: 1500 },
      { say: 'сорок пять' },
    ]);
  });
  it('fills defaults and names what is wrong', () => {
    const s = parseCallerScript('name: x\nturns:\n  - say: "да"\n  - silence: 3s\n');
    expect(s.turns[0]).toMatchObject({ after: 300, backchannel: false, kind: 'other' });
    expect(s.turns[1]).toEqual({ silence: 3000 });
    expect(() => parseCallerScript('name: x\nturns:\n  - say: "да"\n    over_reply: soon\n')).toThrow(/turns\.0\.over_reply.*"soon" is not a duration/);
    expect(() => parseCallerScript('turns: []\n')).toThrow(/name/);
  });
});

describe('word timing estimate', () => {
  it('spreads words by syllables and ends the last one with the audio', () => {
    const ends = wordEnds('да восемь девятьсот', 1000);
    expect(ends.map((w) => w.text)).toEqual(['да', 'восемь', 'девятьсот']);
    expect(ends[0]!.end).toBeLessThan(ends[1]!.end);
    expect(ends[2]!.end).toBe(1000);
  });
});

describe('turn scoring', () => {
  const turn = (over: Partial<TurnRecord>): TurnRecord => ({
    index: 0, text: 'восемь девятьсот шестнадцать сто двадцать три', kind: 'partial_phone', over_reply: false, backchannel: false,
    speech_start_ms: 1000, speech_end_ms: 4000, committed_ms: null, committed_text: null, first_bot_audio_ms: null,
    latency_ms: null, cut_off: false, false_wait: false, bot_stop_ms: null, bot_stopped: false, ...over,
  });
  it('a commit inside the caller\'s pause is a cut-off; latency runs from the end of speech to the first bot audio', () => {
    const events: TimelineEvent[] = [
      { t_ms: 2500, type: 'user_turn', text: 'восемь девятьсот шестнадцать' },
      { t_ms: 4400, type: 'user_turn', text: 'сто двадцать три' },
      { t_ms: 4450, type: 'bot_audio_start' },
    ];
    const [t] = scoreTurns([turn({})], events);
    expect(t).toMatchObject({ cut_off: true, committed_ms: 2500, first_bot_audio_ms: 4450, latency_ms: 450, false_wait: false });
  });
  it('a commit more than a second after a complete turn is a false wait', () => {
    const [t] = scoreTurns([turn({ kind: 'short_answer', text: 'да' })], [{ t_ms: 5200, type: 'user_turn', text: 'да' }]);
    expect(t).toMatchObject({ cut_off: false, false_wait: true });
  });
  it('talking over the bot: when its audio stopped, and whether a backchannel\'s reply was picked up again', () => {
    const events: TimelineEvent[] = [
      { t_ms: 1300, type: 'bot_paused' },
      { t_ms: 1700, type: 'bot_audio_end', interrupted: true, said: 'Давайте проверим' },
      { t_ms: 2100, type: 'bot_audio_start' },
    ];
    const [t] = scoreTurns([turn({ kind: 'other', text: 'угу', over_reply: true, backchannel: true, speech_end_ms: 1250 })], events);
    expect(t).toMatchObject({ bot_stop_ms: 300, bot_stopped: false });
  });
});
