import { AudioFrame } from '@livekit/rtc-node';

/** PCM16LE bytes of one mono frame (copy, safe to keep). */
export function frameToPcm(frame: AudioFrame): Uint8Array {
  const d = frame.data;
  return new Uint8Array(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength));
}

/** A mono AudioFrame from PCM16LE bytes (an odd trailing byte is dropped). */
export function pcmToFrame(pcm: Uint8Array, sampleRate: number): AudioFrame {
  const samples = Math.floor(pcm.byteLength / 2);
  const data = new Int16Array(samples);
  const view = new DataView(pcm.buffer, pcm.byteOffset, samples * 2);
  for (let i = 0; i < samples; i++) data[i] = view.getInt16(i * 2, true);
  return new AudioFrame(data, sampleRate, 1, samples);
}

/** Split PCM into frames of `frameMs` (the pipelines want 10–100 ms frames, not one big buffer). */
export function pcmToFrames(pcm: Uint8Array, sampleRate: number, frameMs = 20): AudioFrame[] {
  const step = Math.max(2, Math.floor((sampleRate * frameMs) / 1000) * 2);
  const frames: AudioFrame[] = [];
  for (let off = 0; off < pcm.byteLength; off += step) frames.push(pcmToFrame(pcm.subarray(off, off + step), sampleRate));
  return frames;
}

/** Concatenate byte chunks. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/** A canonical 44-byte-header WAV around PCM16LE mono. */
export function pcmToWav(pcm: Uint8Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + pcm.byteLength);
  const v = new DataView(out.buffer);
  const ascii = (off: number, s: string) => [...s].forEach((ch, i) => v.setUint8(off + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + pcm.byteLength, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, pcm.byteLength, true);
  out.set(pcm, 44);
  return out;
}

/** Decoded PCM16 WAV: its sample rate, channel count and sample bytes. */
export interface WavData {
  sampleRate: number;
  channels: number;
  pcm: Uint8Array;
}

/**
 * Read a PCM16 WAV by walking its chunks. Streamed WAVs (espeak-ng `--stdout`) carry 0xFFFFFFFF
 * sizes, so a data chunk size past the end means "to the end".
 */
export function parseWav(bytes: Uint8Array): WavData {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (off: number) => String.fromCharCode(...bytes.subarray(off, off + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let off = 12;
  let sampleRate = 0;
  let channels = 0;
  while (off + 8 <= bytes.byteLength) {
    const id = tag(off);
    const size = v.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 'fmt ') {
      if (v.getUint16(body, true) !== 1 || v.getUint16(body + 14, true) !== 16) throw new Error('only PCM16 WAV is supported');
      channels = v.getUint16(body + 2, true);
      sampleRate = v.getUint32(body + 4, true);
    } else if (id === 'data') {
      if (!sampleRate) throw new Error('WAV data chunk before fmt chunk');
      const end = Math.min(bytes.byteLength, body + size);
      return { sampleRate, channels, pcm: bytes.subarray(body, end - ((end - body) % 2)) };
    }
    off = body + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

/** Root-mean-square level of PCM16LE audio, 0…1 (0 = digital silence). */
export function pcmRms(pcm: Uint8Array): number {
  const n = Math.floor(pcm.byteLength / 2);
  if (n === 0) return 0;
  const v = new DataView(pcm.buffer, pcm.byteOffset, n * 2);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = v.getInt16(i * 2, true) / 32768;
    sum += s * s;
  }
  return Math.sqrt(sum / n);
}

/** Duration in ms of PCM16LE mono audio. */
export function pcmDurationMs(pcm: Uint8Array, sampleRate: number): number {
  return (Math.floor(pcm.byteLength / 2) / sampleRate) * 1000;
}
