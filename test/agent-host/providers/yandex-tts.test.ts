import { initializeLogger } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { pcmDurationMs, pcmRms } from '../../../agent-host/src/providers/audio.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildTtsChain } from '../../../agent-host/src/providers/tts/chain.ts';
import { LiveKitTtsProvider } from '../../../agent-host/src/providers/tts/provider.ts';
import { startYandexTtsServer, type YandexTtsServer } from '../../support/servers/yandex-tts-server.ts';
import { ESPEAK_SKIP_REASON, hasEspeak } from './speech.ts';

initializeLogger({ pretty: false, level: 'silent' });

const reply = 'Записала вас на завтра на три часа дня к мастеру Анне. Ждём вас!';
const env = (server: YandexTtsServer, key = 'AQVN-yc-test-key') => ({ YANDEX_API_KEY: key, YANDEX_FOLDER_ID: 'b1gsalonfolder', YANDEX_TTS_ENDPOINT: server.endpoint });
const yandexOnly = { voice_id: 'russian-female-1', providers: { tts: [{ name: 'yandex' as const }] } };
let server: YandexTtsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('yandex-tts: SpeechKit v3 UtteranceSynthesis against a local gRPC server', () => {
  it("speaks with the bot's voice as LPCM at the pipeline's rate, and reports success to health", async () => {
    server = await startYandexTtsServer({ authorization: 'Api-Key AQVN-yc-test-key' });
    const health = new ProviderHealth();
    const chain = buildTtsChain(yandexOnly, env(server), health, { sampleRate: 8_000 });
    expect(chain.tts.sampleRate).toBe(8_000);

    const pcm = await new LiveKitTtsProvider('yandex', () => chain.tts, 8_000).synthesize(reply);

    expect(pcmDurationMs(pcm, 8_000)).toBeGreaterThan(2_000);
    expect(pcmRms(pcm)).toBeGreaterThan(0.1);
    const call = server.calls[0];
    expect(call?.authorization).toBe('Api-Key AQVN-yc-test-key');
    expect(call?.request.hints).toContainEqual(expect.objectContaining({ voice: 'alena' }));
    expect(call?.request.output_audio_spec?.raw_audio?.sample_rate_hertz).toBe(8_000);
    expect(server.calls.map((c) => c.request.text).join(' ')).toContain('Записала вас на завтра');
    await expect.poll(() => health.snapshot()['tts:yandex']?.status).toBe('ok');
  });

  it('hands out the first audio frame while the rest of the utterance is still being synthesized', async () => {
    server = await startYandexTtsServer({ authorization: 'Api-Key AQVN-yc-test-key', chunkMs: 100, chunkDelayMs: 40 });
    const chain = buildTtsChain({ ...yandexOnly, voice_id: 'russian-male-1' }, env(server), new ProviderHealth());
    const stream = chain.tts.synthesize('Минутку, сейчас посмотрю свободное время на субботу.');

    const first = await stream.next();

    expect(first.done).toBe(false);
    expect(server.calls[0]?.request.hints).toContainEqual(expect.objectContaining({ voice: 'filipp' }));
    const total = Math.round(('Минутку, сейчас посмотрю свободное время на субботу.'.length * 60) / 100);
    expect(server.calls[0]?.chunksSent).toBeLessThan(total);
    stream.close();
  });

  it('closing the stream on barge-in cancels the synthesis call', async () => {
    server = await startYandexTtsServer({ authorization: 'Api-Key AQVN-yc-test-key', chunkMs: 100, chunkDelayMs: 30 });
    const chain = buildTtsChain(yandexOnly, env(server), new ProviderHealth());
    const stream = chain.tts.synthesize('У нас есть стрижка, окрашивание, маникюр и педикюр, а ещё массаж лица.');

    await stream.next();
    stream.close();

    await expect.poll(() => server!.calls[0]?.cancelled).toBe(true);
  });

  it('a rejected key is fatal, names YANDEX_API_KEY, and the chain speaks with the next provider', async () => {
    server = await startYandexTtsServer({ authorization: 'Api-Key the-real-key' });
    const health = new ProviderHealth();
    const chain = buildTtsChain(yandexOnly, env(server, 'revoked-key'), health);
    const stream = chain.tts.synthesize('Алло');

    await expect(stream.collect()).rejects.toThrow();

    const state = health.snapshot()['tts:yandex'];
    expect(state?.status).toBe('unavailable');
    expect(state?.lastError).toMatch(/YANDEX_API_KEY or YANDEX_IAM_TOKEN rejected \(gRPC UNAUTHENTICATED\)/);
  });

  it.skipIf(!hasEspeak)(`UNAVAILABLE before any audio falls through to the next provider in the same utterance${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, async () => {
    server = await startYandexTtsServer({ authorization: 'Api-Key AQVN-yc-test-key', behaviours: ['unavailable'] });
    const health = new ProviderHealth();
    const chain = buildTtsChain({ voice_id: 'russian-female-1', providers: { tts: [{ name: 'yandex' }, { name: 'espeak' }] } }, env(server), health);

    const pcm = await new LiveKitTtsProvider('chain', () => chain.tts, 22_050).synthesize('Минутку, уточняю расписание.');

    expect(pcmDurationMs(pcm, 22_050)).toBeGreaterThan(800);
    expect(health.snapshot()['tts:yandex']?.status).toBe('cooling_down');
    expect(health.snapshot()['tts:yandex']?.lastError).toMatch(/UNAVAILABLE/);
  });
});

