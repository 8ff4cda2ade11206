const END = /[.!?…]+["»)]?\s+/g;

/**
 * Re-chunk a text delta stream into whole sentences, so TTS gets speakable pieces as soon as
 * each sentence is complete. Pieces shorter than `minChars` are joined with the next one.
 */
export async function* sentences(deltas: AsyncIterable<string>, minChars = 12): AsyncIterable<string> {
  let buf = '';
  for await (const delta of deltas) {
    buf += delta;
    for (let cut = firstCut(buf, minChars); cut > 0; cut = firstCut(buf, minChars)) {
      yield buf.slice(0, cut);
      buf = buf.slice(cut);
    }
  }
  if (buf.trim()) yield buf;
}

function firstCut(buf: string, minChars: number): number {
  for (const m of buf.matchAll(END)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end >= minChars) return end;
  }
  return -1;
}
