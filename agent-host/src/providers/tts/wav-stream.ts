/**
 * Incremental reader of a streamed PCM16 WAV (chunked HTTP body): buffers until the `data` chunk starts, then
 * passes sample bytes straight through. Streaming servers write 0/0xFFFFFFFF sizes, so sizes are ignored.
 */
export class WavStreamReader {
  #head = new Uint8Array(0);
  #inData = false;
  sampleRate = 0;
  channels = 0;

  /** PCM bytes contained in this chunk (empty while the header is still incomplete). */
  push(chunk: Uint8Array): Uint8Array {
    if (this.#inData) return chunk;
    const buf = new Uint8Array(this.#head.byteLength + chunk.byteLength);
    buf.set(this.#head);
    buf.set(chunk, this.#head.byteLength);
    const start = this.#findData(buf);
    if (start === undefined) {
      if (buf.byteLength > 64 * 1024) throw new Error('no WAV data chunk in the first 64 KiB');
      this.#head = buf;
      return new Uint8Array(0);
    }
    this.#inData = true;
    this.#head = new Uint8Array(0);
    return buf.subarray(start);
  }

  #findData(b: Uint8Array): number | undefined {
    const tag = (off: number) => String.fromCharCode(b[off] ?? 0, b[off + 1] ?? 0, b[off + 2] ?? 0, b[off + 3] ?? 0);
    if (b.byteLength < 12) return undefined;
    if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF/WAVE stream');
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    let off = 12;
    while (off + 8 <= b.byteLength) {
      const id = tag(off);
      const size = v.getUint32(off + 4, true);
      if (id === 'data') return off + 8;
      if (off + 8 + size > b.byteLength) return undefined;
      if (id === 'fmt ') {
        if (v.getUint16(off + 8, true) !== 1 || v.getUint16(off + 22, true) !== 16) throw new Error('only PCM16 WAV is supported');
        this.channels = v.getUint16(off + 10, true);
        this.sampleRate = v.getUint32(off + 12, true);
      }
      off += 8 + size + (size % 2);
    }
    return undefined;
  }
}
