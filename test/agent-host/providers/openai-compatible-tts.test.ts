import { initializeLogger } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { pcmDurationMs, pcmRms } from '../../../agent-host/src/providers/audio.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildTtsChain } from '../../../agent-host/src/providers/tts/chain.ts';
import { LiveKitTtsProvider } from '../../../agent-host/src/providers/tts/provider.ts';
import { startOpenAITtsServer, type OpenAITtsServer } from '../../support/servers/openai-tts-server.ts';
import { startYandexTtsServer } from '../../support/servers/yandex-tts-server.ts';

initializeLogger({ pretty: false, level: 'silent' });

const selfHosted = { voice_id: 'russian-female-1', providers: { tts: [{ name: 'openai-compatible' as const }] } };
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});
async function server(opts: Parameters<typeof startOpenAITtsServer>[0] = {}): Promise<OpenAITtsServer> {
  const s = await startOpenAITtsServer(opts);
  closers.push(s);
  return s;
}

describe('openai-compatible-tts: self-hosted /v1/audio/speech (Piper voices) against a local server', () => {
  it("asks for a streamed WAV in the bot's Piper voice and returns its audio at the configured rate", async () => {
    const s = await server({ sampleRate: 22_050 });
    const health = new ProviderHealth();
    const chain = buildTtsChain(selfHosted, { OPENAI_TTS_URL: s.url, OPENAI_TTS_MODEL: 'piper' }, health);

    const pcm = await new LiveKitTtsProvider('self-hosted', () => chain.tts, 22_050).synthesize('Здравствуйте! Вы позвонили в салон «Элегант».');

    expect(pcmDurationMs(pcm, 22_050)).toBeGreaterThan(2_000);
    expect(pcmRms(pcm)).toBeGreaterThan(0.1);
    expect(s.requests[0]?.body).toMatchObject({ model: 'piper', voice: 'ru_RU-irina-medium', response_format: 'wav' });
    await expect.poll(() => health.snapshot()['tts:openai-compatible']?.status).toBe('ok');
  });

  it('resamples when the server speaks at another rate than OPENAI_TTS_SAMPLE_RATE (Silero at 48 kHz → 24 kHz)', async () => {
    const s = await server({ sampleRate: 48_000 });
    const chain = buildTtsChain(selfHosted, { OPENAI_TTS_URL: `${s.url}/v1`, OPENAI_TTS_SAMPLE_RATE: '24000' }, new ProviderHealth());
    expect(chain.tts.sampleRate).toBe(24_000);
    const text = 'Мы работаем с девяти до двадцати одного.';

    const pcm = await new LiveKitTtsProvider('self-hosted', () => chain.tts, 24_000).synthesize(text);

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(text.length * 60 * 0.9);
    expect(pcmDurationMs(pcm, 24_000)).toBeLessThan(text.length * 60 * 1.1);
  });

  it('gives the first frame before the server has sent the whole sentence, and stops it on barge-in', async () => {
    const s = await server({ chunkMs: 100, chunkDelayMs: 40 });
    const chain = buildTtsChain(selfHosted, { OPENAI_TTS_URL: s.url }, new ProviderHealth());
    const text = 'Свободные окна на субботу: десять утра, двенадцать и четыре часа дня.';
    const stream = chain.tts.synthesize(text);

    const first = await stream.next();
    const sentAtFirst = s.requests[0]?.chunksSent ?? 0;
    stream.close();

    expect(first.done).toBe(false);
    expect(sentAtFirst).toBeLessThan(Math.round((text.length * 60) / 100));
    await expect.poll(() => s.requests[0]?.aborted).toBe(true);
  });

  it('a rejected key is fatal and names OPENAI_TTS_API_KEY', async () => {
    const s = await server({ apiKey: 'gpu-box-key' });
    const health = new ProviderHealth();
    const chain = buildTtsChain(selfHosted, { OPENAI_TTS_URL: s.url, OPENAI_TTS_API_KEY: 'wrong' }, health);

    await chain.tts.synthesize('Алло').collect().catch(() => undefined);

    await expect.poll(() => health.snapshot()['tts:openai-compatible']?.status).toBe('unavailable');
    expect(health.snapshot()['tts:openai-compatible']?.lastError).toMatch(/OPENAI_TTS_API_KEY rejected \(401\)/);
  });

  it('a 503 from the GPU box falls through to Yandex SpeechKit in the same utterance', async () => {
    const s = await server({ status: 503 });
    const yandex = await startYandexTtsServer({ authorization: 'Api-Key yc' });
    closers.push(yandex);
    const health = new ProviderHealth();
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'openai-compatible' }, { name: 'yandex' }] } },
      { OPENAI_TTS_URL: s.url, YANDEX_API_KEY: 'yc', YANDEX_TTS_ENDPOINT: yandex.endpoint },
      health,
    );

    const pcm = await new LiveKitTtsProvider('chain', () => chain.tts, 22_050).synthesize('Сейчас уточню у мастера.');

    expect(pcmDurationMs(pcm, 22_050)).toBeGreaterThan(1_000);
    expect(yandex.calls).toHaveLength(1);
    expect(health.snapshot()['tts:openai-compatible']).toMatchObject({ status: 'cooling_down', lastError: expect.stringMatching(/503/) });
  });
});
