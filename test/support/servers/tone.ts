/**
 * Speech-like PCM16LE for the local TTS servers: a 180 Hz voice-ish tone, amplitude-modulated per syllable,
 * ~60 ms per character of text (no Russian voice model exists on this machine).
 */
export function speechLikePcm(text: string, sampleRate: number): Buffer {
  const samples = Math.max(1, Math.round((text.length * 60 * sampleRate) / 1000));
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / sampleRate;
    const envelope = 0.35 + 0.25 * Math.sin(2 * Math.PI * 4 * t);
    out.writeInt16LE(Math.round(envelope * 32767 * Math.sin(2 * Math.PI * 180 * t)), i * 2);
  }
  return out;
}

/** Split a buffer into chunks of `ms` of PCM16 mono audio. */
export function pcmChunks(pcm: Buffer, sampleRate: number, ms: number): Buffer[] {
  const step = Math.max(2, Math.round((sampleRate * ms) / 1000) * 2);
  const chunks: Buffer[] = [];
  for (let off = 0; off < pcm.byteLength; off += step) chunks.push(pcm.subarray(off, off + step));
  return chunks;
}
