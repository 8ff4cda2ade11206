import { pcmToWav } from '../providers/audio.ts';

/** A 16-bit PCM stereo WAV: `left` and `right` interleaved (call.wav: caller left, bot right). */
export function stereoWav(left: Int16Array, right: Int16Array, sampleRate: number): Uint8Array {
  const frames = Math.max(left.length, right.length);
  const dataBytes = frames * 4;
  const out = new Uint8Array(44 + dataBytes);
  const v = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 2, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 4, true);
  v.setUint16(32, 4, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  for (let i = 0; i < frames; i++) {
    v.setInt16(44 + i * 4, left[i] ?? 0, true);
    v.setInt16(46 + i * 4, right[i] ?? 0, true);
  }
  return out;
}

/** A 16-bit PCM mono WAV. */
export function monoWav(pcm: Int16Array, sampleRate: number): Uint8Array {
  const le = new Int16Array(pcm); // a copy on a little-endian host is the PCM16LE bytes pcmToWav wraps
  return pcmToWav(new Uint8Array(le.buffer, le.byteOffset, le.byteLength), sampleRate);
}

/** The samples of a 16-bit PCM mono WAV written by {@link monoWav}. */
export function readMonoWav(bytes: Uint8Array): { pcm: Int16Array; sampleRate: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleRate = v.getUint32(24, true);
  const n = Math.floor(v.getUint32(40, true) / 2);
  const pcm = new Int16Array(n);
  for (let i = 0; i < n; i++) pcm[i] = v.getInt16(44 + i * 2, true);
  return { pcm, sampleRate };
}
