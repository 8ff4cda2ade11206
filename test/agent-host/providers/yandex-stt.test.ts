import { initializeLogger } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { LiveKitSttProvider } from '../../../agent-host/src/providers/stt/provider.ts';
import { YandexSTT } from '../../../agent-host/src/providers/stt/yandex.ts';
import { startYandexSttServer, type YandexSttServer } from '../../support/servers/yandex-stt-server.ts';
import { ESPEAK_SKIP_REASON, asSource, hasEspeak, speechFrames } from './speech.ts';
import { streamEvents } from './stt-events.ts';

initializeLogger({ pretty: false, level: 'silent' });

const config = { language: 'ru', providers: { stt: [{ name: 'yandex' as const }] } };
const env = (server: YandexSttServer, key = 'AQVN-yc-test-key') => ({
  YANDEX_API_KEY: key,
  YANDEX_FOLDER_ID: 'b1gsalonfolder',
  YANDEX_STT_ENDPOINT: server.endpoint,
});
let server: YandexSttServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.skipIf(!hasEspeak)(`yandex-stt: SpeechKit v3 RecognizeStreaming against a local gRPC server${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('streams LPCM with the API key and Russian options; yields partials, the final and the end of utterance', async () => {
    server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['ну здравствуйте хочу записаться на стрижку'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(config, env(server), health);

    const events = await streamEvents(chain.stt, await speechFrames('Ну здравствуйте, хочу записаться на стрижку'));

    const kinds = events.map((e) => e.type).filter((t) => t !== 'usage');
    expect(kinds[0]).toBe('start');
    expect(kinds.filter((k) => k === 'interim').length).toBeGreaterThanOrEqual(2);
    expect(events.find((e) => e.type === 'interim')?.text).toBe('ну');
    expect(kinds.indexOf('final')).toBeGreaterThan(kinds.indexOf('interim'));
    expect(kinds.at(-1)).toBe('end');
    expect(events.find((e) => e.type === 'final')?.text).toBe('ну здравствуйте хочу записаться на стрижку');
    const call = server.calls[0];
    expect(call?.authorization).toBe('Api-Key AQVN-yc-test-key');
    expect(call?.folderId).toBe('b1gsalonfolder');
    expect(call?.options?.recognitionModel).toMatchObject({
      model: 'general',
      audioFormat: { rawAudio: { sampleRateHertz: 16_000, audioChannelCount: 1 } },
      languageRestriction: { languageCode: ['ru-RU'] },
    });
    expect(health.snapshot()['stt:yandex']?.status).toBe('ok');
  });

  it('takes 8 kHz telephone audio as it is: session at 8000 Hz, every byte sent without a resample', async () => {
    server = await startYandexSttServer({ authorization: 'Bearer t1.iam-token', phrases: ['алло а вы до скольки сегодня работаете'] });
    const chain = buildSttChain(config, { YANDEX_IAM_TOKEN: 't1.iam-token', YANDEX_FOLDER_ID: 'b1gsalonfolder', YANDEX_STT_ENDPOINT: server.endpoint }, new ProviderHealth());
    const frames = await speechFrames('Алло, а вы до скольки сегодня работаете?', 8_000);

    const texts: string[] = [];
    for await (const t of new LiveKitSttProvider('yandex', chain.stt).transcribeStream(asSource(frames))) texts.push(t);

    expect(texts).toEqual(['алло а вы до скольки сегодня работаете']);
    expect(server.calls[0]?.options?.recognitionModel?.audioFormat?.rawAudio?.sampleRateHertz).toBe(8_000);
    expect(server.calls[0]?.audioBytes).toBe(frames.reduce((n, f) => n + f.data.byteLength, 0));
  });

  it('a rejected key (UNAUTHENTICATED) is fatal and names YANDEX_API_KEY; the next call leaves Yandex out', async () => {
    server = await startYandexSttServer({ authorization: 'Api-Key the-real-key', phrases: ['не важно'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(config, env(server, 'revoked-key'), health);

    const events = await streamEvents(chain.stt, await speechFrames('Алло'));

    expect(events.filter((e) => e.type === 'final')).toEqual([]);
    const state = health.snapshot()['stt:yandex'];
    expect(state?.status).toBe('unavailable');
    expect(state?.lastError).toMatch(/YANDEX_API_KEY or YANDEX_IAM_TOKEN rejected \(gRPC UNAUTHENTICATED\)/);
    expect(() => buildSttChain(config, env(server!, 'revoked-key'), health)).toThrow(/no stt provider available: yandex: YANDEX_API_KEY/);
  });

  it('one-shot recognize() of a recorded phrase goes through the same streaming call', async () => {
    server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['эээ короче мне бы на завтра на утро'] });
    const chain = buildSttChain(config, env(server), new ProviderHealth());

    const ev = await chain.stt.recognize(await speechFrames('Эээ, короче, мне бы на завтра на утро'));

    expect(ev.alternatives?.[0]?.text).toBe('эээ короче мне бы на завтра на утро');
    expect(server.calls).toHaveLength(1);
  });

  it('a call longer than the per-call audio limit moves to a fresh RecognizeStreaming call between utterances', async () => {
    server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['алло это салон', 'хочу записаться на завтра'] });
    const stt = new YandexSTT({ auth: { authorization: 'Api-Key AQVN-yc-test-key' }, endpoint: server.endpoint, model: 'general', language: 'ru-RU', maxCallAudioMs: 1_000 });
    const frames = [...(await speechFrames('Алло это салон')), ...(await speechFrames('Хочу записаться на завтра'))];

    const events = await streamEvents(stt, frames, undefined, { realtime: true });

    expect(events.filter((e) => e.type === 'final').map((e) => e.text)).toEqual(['алло это салон', 'хочу записаться на завтра']);
    // each utterance on its own call (the last one only heard the trailing silence), none split
    expect(server.calls.length).toBeGreaterThanOrEqual(2);
    expect(server.calls.every((c) => c.options?.recognitionModel?.audioFormat?.rawAudio?.sampleRateHertz === 16_000)).toBe(true);
    expect(server.calls[0]?.ended).toBe(true);
  });

  it('an input that ends without audio opens no call', async () => {
    server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['не важно'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(config, env(server), health);

    expect(await streamEvents(chain.stt, [])).toEqual([]);
    expect(server.calls).toHaveLength(0);
    expect(health.snapshot()['stt:yandex']?.status).toBe('ok');
  });

  it('a missing key is a fatal config error naming the variables', () => {
    const health = new ProviderHealth();
    expect(() => buildSttChain(config, { YANDEX_STT_ENDPOINT: 'http://127.0.0.1:1' }, health)).toThrow(/YANDEX_API_KEY or YANDEX_IAM_TOKEN is not set/);
  });

  it('closing the stream when the caller barges in cancels the gRPC call', async () => {
    server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['подождите подождите я не то хотела сказать'] });
    const chain = buildSttChain(config, env(server), new ProviderHealth());

    const events = await streamEvents(chain.stt, await speechFrames('Подождите, подождите, я не то хотела сказать'), (ev) => ev.type === 'interim');

    expect(events.at(-1)?.type).toBe('interim');
    await expect.poll(() => server!.calls[0]?.cancelled).toBe(true);
  });
});
