import { ReadableStream } from 'node:stream/web';
import { initializeLogger, voice } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { buildSession } from '../../agent-host/src/pipeline.ts';
import { ProviderLLM } from '../../agent-host/src/providers/llm/livekit-adapter.ts';
import { LlmChain } from '../../agent-host/src/providers/llm/chain.ts';
import { loadConfig } from '../core/engine/harness.ts';

initializeLogger({ pretty: false, level: 'silent' });

/** What the session's TTS receives for text streamed in these chunks (agents-js applies the session's transforms). */
async function heardByTts(chunks: string[], config = loadConfig('salon-bot-1')): Promise<string> {
  const session = buildSession(config, { llm: new ProviderLLM(new LlmChain([])) });
  const transforms = session.sessionOptions.ttsTextTransforms ?? [];
  const input = new ReadableStream<string>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  let out = '';
  const reader = voice.textTransforms.applyTextTransforms(input, transforms).getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out += r.value;
  }
}

describe('the text a call hands to TTS is spoken Russian', () => {
  it('a scripted reply: date, times and a phone as a person says them', async () => {
    const said = await heardByTts(['В пятницу, 27 ноября свободно в 15:00 или 16:30. Записать на +7 916 123-45-67?']);
    expect(said).toBe('В пятницу, двадцать седьмого ноября свободно в три часа дня или в половине пятого. Записать на плюс семь, девятьсот шестнадцать, сто двадцать три, сорок пять, шестьдесят семь?');
  });

  it('a streamed answer cut inside a number is spoken a sentence at a time, the price whole', async () => {
    const said = await heardByTts(['Классический маникюр стоит 12', '00 руб. Покрытие — ещё 8', '00 руб.']);
    expect(said.replace(/\s+/g, ' ').trim()).toBe('Классический маникюр стоит тысячу двести рублей. Покрытие — ещё восемьсот рублей.');
  });

  it('a bot with speech.time_style official says «в пятнадцать ноль-ноль»', async () => {
    const said = await heardByTts(['Свободно в 15:00.'], loadConfig('salon-bot-1', { speech: { time_style: 'official' } }));
    expect(said).toBe('Свободно в пятнадцать ноль-ноль.');
  });
});
