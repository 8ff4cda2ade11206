import { initializeLogger } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { pcmDurationMs, pcmRms } from '../../../agent-host/src/providers/audio.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { SberOAuth } from '../../../agent-host/src/providers/sber/oauth.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { LiveKitSttProvider } from '../../../agent-host/src/providers/stt/provider.ts';
import { SaluteSTT } from '../../../agent-host/src/providers/stt/salute.ts';
import { buildTtsChain } from '../../../agent-host/src/providers/tts/chain.ts';
import { LiveKitTtsProvider } from '../../../agent-host/src/providers/tts/provider.ts';
import { startSaluteServer, type SaluteServer } from '../../support/servers/salute-server.ts';
import { SALUTE_AUDIO_ENCODING, SALUTE_CONTENT_TYPE, SALUTE_SYNTHESIS_ENCODING } from '../../support/servers/official/salute.ts';
import { startSberOAuthServer, type SberOAuthServer } from '../../support/servers/sber-oauth-server.ts';
import { startYandexSttServer } from '../../support/servers/yandex-stt-server.ts';
import { startYandexTtsServer } from '../../support/servers/yandex-tts-server.ts';
import { ESPEAK_SKIP_REASON, asSource, hasEspeak, speechFrames } from './speech.ts';
import { streamEvents } from './stt-events.ts';

initializeLogger({ pretty: false, level: 'silent' });

const AUTH_KEY = 'MDE5YzEyMzQtc2FsdXRlOnNlY3JldA==';
const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

async function sber(opts: Omit<Parameters<typeof startSaluteServer>[0], 'tokenIsValid'> = {}, oauthOpts: { now?: () => number } = {}) {
  const oauth: SberOAuthServer = await startSberOAuthServer({ authKey: AUTH_KEY, scope: 'SALUTE_SPEECH_PERS', ...oauthOpts });
  const salute: SaluteServer = await startSaluteServer({ tokenIsValid: oauth.isValid, ...opts });
  closers.push(oauth, salute);
  const env = { SALUTE_AUTH_KEY: AUTH_KEY, SALUTE_OAUTH_URL: oauth.oauthUrl, SALUTE_ENDPOINT: salute.endpoint };
  return { oauth, salute, env };
}
const saluteStt = { language: 'ru', providers: { stt: [{ name: 'salute' as const }] } };

describe.skipIf(!hasEspeak)(`salute-stt: SaluteSpeech gRPC Recognize against local OAuth and gRPC servers${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('gets a token by client credentials, streams PCM_S16LE, yields partials, the final and the end of utterance', async () => {
    const { oauth, salute, env } = await sber({ phrases: ['эээ а можно на маникюр в субботу утром'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(saluteStt, env, health);

    const events = await streamEvents(chain.stt, await speechFrames('Эээ, а можно на маникюр в субботу утром?'));

    const kinds = events.map((e) => e.type).filter((t) => t !== 'usage');
    expect(kinds[0]).toBe('start');
    expect(events.filter((e) => e.type === 'interim').map((e) => e.text)).toContain('эээ а');
    expect(events.find((e) => e.type === 'final')?.text).toBe('эээ а можно на маникюр в субботу утром');
    expect(kinds.at(-1)).toBe('end');
    expect(oauth.requests[0]).toMatchObject({ authorization: `Basic ${AUTH_KEY}`, scope: 'SALUTE_SPEECH_PERS' });
    expect(salute.recognizeCalls[0]?.authorization).toBe('Bearer eyJ-sber-salute_speech_pers-1');
    expect(salute.recognizeCalls[0]?.options).toMatchObject({
      audio_encoding: SALUTE_AUDIO_ENCODING.PCM_S16LE,
      sample_rate: 16_000,
      language: 'ru-RU',
      enable_partial_results: { enable: true },
      enable_multi_utterance: { enable: true },
    });
    expect(health.snapshot()['stt:salute']?.status).toBe('ok');
  });

  it('takes 8 kHz telephone audio without a resample', async () => {
    const { salute, env } = await sber({ phrases: ['да да записывайте на семнадцать тридцать'] });
    const chain = buildSttChain(saluteStt, env, new ProviderHealth());
    const frames = await speechFrames('Да, да, записывайте на семнадцать тридцать', 8_000);

    const texts: string[] = [];
    for await (const t of new LiveKitSttProvider('salute', chain.stt).transcribeStream(asSource(frames))) texts.push(t);

    expect(texts).toEqual(['да да записывайте на семнадцать тридцать']);
    expect(salute.recognizeCalls[0]?.options?.sample_rate).toBe(8_000);
    expect(salute.recognizeCalls[0]?.audioBytes).toBe(frames.reduce((n, f) => n + f.data.byteLength, 0));
  });

  it('a rejected authorization key is fatal and names SALUTE_AUTH_KEY', async () => {
    const { env } = await sber();
    const health = new ProviderHealth();
    const chain = buildSttChain(saluteStt, { ...env, SALUTE_AUTH_KEY: 'b2xkLWtleQ==' }, health);

    const events = await streamEvents(chain.stt, await speechFrames('Алло'));

    expect(events.filter((e) => e.type === 'final')).toEqual([]);
    expect(health.snapshot()['stt:salute']?.status).toBe('unavailable');
    expect(health.snapshot()['stt:salute']?.lastError).toMatch(/SALUTE_AUTH_KEY rejected \(401\) by Sber OAuth/);
  });

  it('refreshes the access token before it expires: the second call uses a new token, none is refused', async () => {
    let clock = Date.parse('2026-11-30T09:00:00+03:00');
    const now = () => clock;
    const { oauth, salute, env } = await sber({ phrases: ['алло', 'спасибо до свидания'] }, { now });
    const tokens = new SberOAuth({ authKey: AUTH_KEY, scope: 'SALUTE_SPEECH_PERS', url: env.SALUTE_OAUTH_URL, envKey: 'SALUTE_AUTH_KEY', provider: 'salute', kind: 'stt', now });
    const stt = new SaluteSTT({ oauth: tokens, endpoint: salute.endpoint, model: 'callcenter', language: 'ru-RU' });

    await streamEvents(stt, await speechFrames('Алло'));
    clock += 10 * 60_000; // well inside the 30 min lifetime: cached
    await streamEvents(stt, await speechFrames('Алло'));
    clock += 19 * 60_000 + 30_000; // 30 s before expiry: inside the refresh margin
    const last = await streamEvents(stt, await speechFrames('Спасибо, до свидания'));

    expect(oauth.requests).toHaveLength(2);
    expect(salute.recognizeCalls.map((c) => c.authorization)).toEqual([
      'Bearer eyJ-sber-salute_speech_pers-1',
      'Bearer eyJ-sber-salute_speech_pers-1',
      'Bearer eyJ-sber-salute_speech_pers-2',
    ]);
    expect(last.find((e) => e.type === 'final')?.text).toBeTruthy();
    await stt.close();
  });

  it('closing the stream on barge-in cancels the Recognize call', async () => {
    const { salute, env } = await sber({ phrases: ['нет нет подождите не надо'] });
    const chain = buildSttChain(saluteStt, env, new ProviderHealth());

    await streamEvents(chain.stt, await speechFrames('Нет, нет, подождите, не надо'), (ev) => ev.type === 'interim');

    await expect.poll(() => salute.recognizeCalls[0]?.cancelled).toBe(true);
  });

  it('yandex-stt failing UNAVAILABLE mid-utterance hands the rest of the turn to SaluteSpeech (Russia-only chain)', async () => {
    const yandex = await startYandexSttServer({ authorization: 'Api-Key yc', phrases: ['ну хочу перенести запись'], behaviours: ['unavailable-after-partial', 'unavailable'] });
    closers.push(yandex);
    const { salute, env } = await sber({ phrases: ['хочу перенести запись на пятницу'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(
      { language: 'ru', providers: { stt: [{ name: 'yandex' }, { name: 'salute' }] } },
      { ...env, YANDEX_API_KEY: 'yc', YANDEX_STT_ENDPOINT: yandex.endpoint },
      health,
    );

    const events = await streamEvents(chain.stt, await speechFrames('Ну, хочу перенести запись на пятницу, пожалуйста'));

    expect(events.find((e) => e.type === 'interim')?.text).toBe('ну');
    expect(events.filter((e) => e.type === 'final').map((e) => e.text)).toEqual(['хочу перенести запись на пятницу']);
    expect(salute.recognizeCalls.length).toBeGreaterThanOrEqual(1);
    expect(health.snapshot()['stt:yandex']).toMatchObject({ status: 'cooling_down', lastError: expect.stringMatching(/UNAVAILABLE/) });
  });
});

describe('salute-tts: SaluteSpeech gRPC Synthesize against local OAuth and gRPC servers', () => {
  const saluteTts = { voice_id: 'russian-female-1', providers: { tts: [{ name: 'salute' as const }] } };

  it("speaks with the bot's voice: 24 kHz variant by default, the 8 kHz one on a phone call", async () => {
    const { salute, env } = await sber();
    const wide = buildTtsChain(saluteTts, env, new ProviderHealth());
    const phone = buildTtsChain({ ...saluteTts, voice_id: 'russian-male-1' }, env, new ProviderHealth(), { sampleRate: 8_000 });

    const pcm = await new LiveKitTtsProvider('salute', () => wide.tts, 24_000).synthesize('Добрый день! Салон «Элегант», меня зовут Алиса.');
    const pcm8 = await new LiveKitTtsProvider('salute', () => phone.tts, 8_000).synthesize('Вы записаны на субботу на одиннадцать утра.');

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(2_000);
    expect(pcmRms(pcm)).toBeGreaterThan(0.1);
    expect(pcmDurationMs(pcm8, 8_000)).toBeGreaterThan(2_000);
    expect(salute.synthesizeCalls.map((c) => c.request.voice)).toEqual(['Nec_24000', 'Bys_8000']);
    expect(salute.synthesizeCalls[0]?.request).toMatchObject({ audio_encoding: SALUTE_SYNTHESIS_ENCODING.PCM_S16LE, language: 'ru-RU' });
    expect(salute.synthesizeCalls[0]?.request.content_type ?? SALUTE_CONTENT_TYPE.TEXT).toBe(SALUTE_CONTENT_TYPE.TEXT);
    expect(salute.synthesizeCalls[0]?.authorization).toMatch(/^Bearer eyJ-sber-/);
  });

  it('closing the stream on barge-in cancels the Synthesize call', async () => {
    const { salute, env } = await sber({ chunkMs: 100, chunkDelayMs: 30 });
    const chain = buildTtsChain(saluteTts, env, new ProviderHealth());
    const stream = chain.tts.synthesize('Стрижка стоит от тысячи пятисот рублей, окрашивание от трёх тысяч.');

    await stream.next();
    stream.close();

    await expect.poll(() => salute.synthesizeCalls[0]?.cancelled).toBe(true);
  });

  it('UNAVAILABLE before audio falls through to yandex-tts in the same utterance; SaluteSpeech cools down', async () => {
    const yandex = await startYandexTtsServer({ authorization: 'Api-Key yc' });
    closers.push(yandex);
    const { env } = await sber({ synthesizeBehaviours: ['unavailable'] });
    const health = new ProviderHealth();
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'salute' }, { name: 'yandex' }] } },
      { ...env, YANDEX_API_KEY: 'yc', YANDEX_TTS_ENDPOINT: yandex.endpoint },
      health,
    );

    const pcm = await new LiveKitTtsProvider('chain', () => chain.tts, 24_000).synthesize('Минутку, проверяю свободные окна.');

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(1_000);
    expect(yandex.calls[0]?.request.text).toContain('Минутку');
    expect(health.snapshot()['tts:salute']).toMatchObject({ status: 'cooling_down', lastError: expect.stringMatching(/UNAVAILABLE/) });
  });
});
