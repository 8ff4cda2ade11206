import { ReadableStream } from 'node:stream/web';
import { AudioFrame } from '@livekit/rtc-node';
import { describe, expect, it } from 'vitest';
import { cachedTtsNode, PhraseAudioCache, type TtsNode } from '../../../agent-host/src/phrase-audio.ts';

/** A TTS that "speaks" each character as one 10 ms frame and counts what it was asked to say. */
function countingTts() {
  const said: string[] = [];
  const node: TtsNode = async (text) => {
    let all = '';
    for await (const t of text as AsyncIterable<string>) all += t;
    said.push(all.trim());
    return ReadableStream.from([...all.trim()].map((c) => new AudioFrame(new Int16Array(160).fill(c.charCodeAt(0)), 16000, 1, 160)));
  };
  return { node, said };
}

async function speak(node: TtsNode, text: string): Promise<number[]> {
  const audio = await node(ReadableStream.from([text]) as ReadableStream<string>);
  const out: number[] = [];
  for await (const f of audio!) out.push(f.data[0]!);
  return out;
}

describe('phrase audio cache', () => {
  it('says a phrase the voice said before from the cache, sentence by sentence, with the same audio', async () => {
    const tts = countingTts();
    const node = cachedTtsNode(tts.node, new PhraseAudioCache(), () => 'ru-voice');
    const first = await speak(node, 'Стрижка стоит 1200 рублей. Могу ещё чем-нибудь помочь?');
    const second = await speak(node, 'Педикюр стоит 2000 рублей. Могу ещё чем-нибудь помочь?');
    expect(tts.said).toEqual(['Стрижка стоит 1200 рублей.', 'Могу ещё чем-нибудь помочь?', 'Педикюр стоит 2000 рублей.']);
    expect(second.slice(-10)).toEqual(first.slice(-10));
  });

  it('keeps voices apart and does not keep long sentences', async () => {
    const tts = countingTts();
    const cache = new PhraseAudioCache({ maxBytes: 1 << 20, maxChars: 40 });
    let voice = 'a';
    const node = cachedTtsNode(tts.node, cache, () => voice);
    const long = 'Давайте проверим: маникюр, в пятницу, двадцать седьмого ноября, в пятнадцать ноль ноль.';
    await speak(node, 'На какой день?');
    await speak(node, long);
    voice = 'b';
    await speak(node, 'На какой день?');
    voice = 'a';
    await speak(node, long);
    expect(tts.said).toEqual(['На какой день?', long, 'На какой день?', long]);
    expect(cache.size).toBe(2);
  });

  it('forgets the least recently used phrase past its size', async () => {
    const tts = countingTts();
    const cache = new PhraseAudioCache({ maxBytes: 2 * 10 * (320 + 64), maxChars: 90 });
    const node = cachedTtsNode(tts.node, cache, () => 'v');
    for (const p of ['Один раз.', 'Два раза.', 'Один раз.', 'Три раза.', 'Два раза.']) await speak(node, p);
    expect(tts.said).toEqual(['Один раз.', 'Два раза.', 'Три раза.', 'Два раза.']);
  });
});
