import { initializeLogger } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { LiveKitSttProvider } from '../../../agent-host/src/providers/stt/provider.ts';
import { YandexSTT } from '../../../agent-host/src/providers/stt/yandex.ts';
import { AudioFrame } from '@livekit/rtc-node';
import { speechLikePcm } from '../../support/servers/tone.ts';
import { SPEECHKIT_STREAM_LIMITS, startYandexSttServer, type YandexSttServer } from '../../support/servers/yandex-stt-server.ts';
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
    expect(call?.options?.recognition_model).toMatchObject({
      model: 'general',
      audio_format: { raw_audio: { sample_rate_hertz: 16_000, audio_channel_count: 1 } },
      language_restriction: { language_code: ['ru-RU'] },
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
    expect(server.calls[0]?.options?.recognition_model?.audio_format?.raw_audio?.sample_rate_hertz).toBe(8_000);
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
    const stt = new YandexSTT({ auth: { authorization: 'Api-Key AQVN-yc-test-key' }, endpoint: server.endpoint, model: 'general', language: 'ru-RU', callLimits: { audioMs: 60_000, bytes: 10 * 1024 * 1024 }, rotation: { betweenUtterances: 1 / 60, atPause: 1, always: 1 } });
    const frames = [...(await speechFrames('Алло это салон')), ...(await speechFrames('Хочу записаться на завтра'))];

    const events = await streamEvents(stt, frames, undefined, { realtime: true });

    expect(events.filter((e) => e.type === 'final').map((e) => e.text)).toEqual(['алло это салон', 'хочу записаться на завтра']);
    // each utterance on its own call (the last one only heard the trailing silence), none split
    expect(server.calls.length).toBeGreaterThanOrEqual(2);
    expect(server.calls.every((c) => c.options?.recognition_model?.audio_format?.raw_audio?.sample_rate_hertz === 16_000)).toBe(true);
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

describe('yandex-stt: SpeechKit per-call limits (5 min, 10 MB) on a long call', () => {
  it('a two minute monologue at 48 kHz passes 10 MB: the stream moves to a fresh call inside the utterance, no byte lost or doubled, one end of utterance', async () => {
    // the local server refuses a call past SpeechKit's real limits, as the service does
    server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['ну вот значит я вам сейчас всё расскажу', 'и потом ещё про маникюр'], limits: SPEECHKIT_STREAM_LIMITS });
    const stt = new YandexSTT({ auth: { authorization: 'Api-Key AQVN-yc-test-key' }, endpoint: server.endpoint, model: 'general', language: 'ru-RU' });
    const rate = 48_000;
    const pcm = Buffer.concat([speechLikePcm('а'.repeat(2_000), rate), Buffer.alloc(rate * 2)]); // 120 s of speech, 1 s of silence
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 2);
    const frames: AudioFrame[] = [];
    for (let i = 0; i < samples.length; i += rate / 50) frames.push(new AudioFrame(samples.slice(i, i + rate / 50), rate, 1, rate / 50));

    const events = await streamEvents(stt, frames);

    expect(pcm.byteLength).toBeGreaterThan(SPEECHKIT_STREAM_LIMITS.maxBytes);
    expect(server.calls.length).toBe(2);
    expect(server.calls.every((c) => c.audioBytes < SPEECHKIT_STREAM_LIMITS.maxBytes)).toBe(true);
    expect(server.calls.reduce((n, c) => n + c.audioBytes, 0)).toBe(pcm.byteLength);
    expect(events.filter((e) => e.type === 'final').map((e) => e.text)).toEqual(['ну вот значит я вам сейчас всё расскажу', 'и потом ещё про маникюр']);
    expect(events.filter((e) => e.type === 'end')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
  });
});
