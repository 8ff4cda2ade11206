import { spawn } from 'node:child_process';

/** The rate of all audio inside the harness (caller, bot, call.wav). */
export const LINE_RATE = 16_000;

/** One stretch of caller speech (no pause inside), trimmed to the voice. */
export interface SpokenChunk {
  text: string;
  pcm: Int16Array;
  /** Where each word ends, in samples from the chunk start (an estimate, see {@link wordEnds}). */
  words: { text: string; end: number }[];
}

/** How the caller sounds. */
export interface CallerVoiceOptions {
  /** espeak-ng voice (a male variant, so caller and bot are told apart). */
  voice: string;
  wordsPerMinute: number;
  /** 8 kHz G.711 μ-law and back, as a phone line carries it (done by sox). */
  telephone: boolean;
}

export const defaultCallerVoice: CallerVoiceOptions = { voice: 'ru+m3', wordsPerMinute: 165, telephone: false };

/** Run `cmd`, feeding `input`; resolve with its stdout. */
function run(cmd: string, args: string[], input: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'ENOENT' ? `${cmd} not found: apt-get install -y espeak-ng sox` : e.message)),
    );
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${cmd} exited with ${code}: ${err.trim()}`))));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

const RAW16 = ['-t', 'raw', '-r', String(LINE_RATE), '-e', 'signed', '-b', '16', '-c', '1', '-'];
const ULAW8 = ['-t', 'raw', '-r', '8000', '-e', 'u-law', '-c', '1'];

/** Are espeak-ng and sox installed? (Audio tests skip with a message when not.) */
export async function audioToolsAvailable(): Promise<boolean> {
  try {
    await run('espeak-ng', ['--version'], '');
    await run('sox', ['--version'], '');
    return true;
  } catch {
    return false;
  }
}

/** Speak `text` as the caller: espeak-ng Russian, resampled by sox to 16 kHz (through μ-law at 8 kHz on `telephone`). */
export async function synthesizeCaller(text: string, opts: CallerVoiceOptions = defaultCallerVoice): Promise<Int16Array> {
  const wav = await run('espeak-ng', ['-v', opts.voice, '-s', String(opts.wordsPerMinute), '--stdout'], text);
  let raw: Buffer;
  if (opts.telephone) {
    const ulaw = await run('sox', ['-V1', '-t', 'wav', '-', ...ULAW8, '-'], wav);
    raw = await run('sox', ['-V1', ...ULAW8, '-', ...RAW16], ulaw);
  } else {
    raw = await run('sox', ['-V1', '-t', 'wav', '-', ...RAW16], wav);
  }
  const copy = new Uint8Array(raw.byteLength - (raw.byteLength % 2));
  copy.set(raw.subarray(0, copy.byteLength));
  return new Int16Array(copy.buffer);
}

/** Cut leading and trailing silence (below `floor`), keeping `padMs` either side. */
export function trimSilence(pcm: Int16Array, floor = 400, padMs = 20): Int16Array {
  let a = 0;
  let b = pcm.length;
  while (a < b && Math.abs(pcm[a]!) < floor) a++;
  while (b > a && Math.abs(pcm[b - 1]!) < floor) b--;
  const pad = Math.round((padMs / 1000) * LINE_RATE);
  return pcm.slice(Math.max(0, a - pad), Math.min(pcm.length, b + pad));
}

const VOWELS = /[аеёиоуыэюя]/giu;

/**
 * Where each word of `text` ends inside `samples` of speech: spread by syllable count (vowels;
 * syllables take roughly equal time in Russian), the last word ending with the audio. An estimate — espeak-ng's CLI
 * gives no word timings.
 */
export function wordEnds(text: string, samples: number): { text: string; end: number }[] {
  const words = text.split(/\s+/).filter(Boolean);
  // A written number is read out long ("27" → "двадцать седьмого"): about two syllables a digit.
  const weights = words.map((w) => Math.max(1, (w.match(VOWELS) ?? []).length + 2 * (w.match(/\d/g) ?? []).length));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return words.map((w, i) => {
    acc += weights[i]!;
    return { text: w, end: i === words.length - 1 ? samples : Math.round((acc / total) * samples) };
  });
}

const cache = new Map<string, Promise<SpokenChunk>>();

/** A caller chunk, synthesized once per (text, voice) and reused (benchmarks say the same phrases often). */
export function spokenChunk(text: string, opts: CallerVoiceOptions = defaultCallerVoice): Promise<SpokenChunk> {
  const key = `${opts.voice}|${opts.wordsPerMinute}|${opts.telephone}|${text}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = synthesizeCaller(text, opts).then((raw) => {
      const pcm = trimSilence(raw);
      return { text, pcm, words: wordEnds(text, pcm.length) };
    });
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}
