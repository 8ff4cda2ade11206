import { initializeLogger, stt } from '@livekit/agents';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { buildTtsChain } from '../../../agent-host/src/providers/tts/chain.ts';
import { LiveKitTtsProvider } from '../../../agent-host/src/providers/tts/provider.ts';
import { durationMs } from '../../support/servers/official/grpc.ts';
import { SALUTE_AUDIO_ENCODING, SALUTE_CONTENT_TYPE, SALUTE_SYNTHESIS_ENCODING } from '../../support/servers/official/salute.ts';
import { SPEECHKIT_STT_ENUMS, SPEECHKIT_TTS_ENUMS } from '../../support/servers/official/speechkit.ts';
import { startSaluteServer } from '../../support/servers/salute-server.ts';
import { startSberOAuthServer } from '../../support/servers/sber-oauth-server.ts';
import { speechLikePcm } from '../../support/servers/tone.ts';
import { startYandexSttServer } from '../../support/servers/yandex-stt-server.ts';
import { startYandexTtsServer } from '../../support/servers/yandex-tts-server.ts';
import { speechLikeFrames } from './speech.ts';
import { streamEvents } from './stt-events.ts';

initializeLogger({ pretty: false, level: 'silent' });

/**
 * Contract tests: every local gRPC server here reads the client's bytes with a table the tests own, written field by
 * field from the vendor's published schema (test/support/servers/official/), and answers with bytes written from the
 * same table. The clients' own .proto files and generated code are never consulted, so a client whose field numbers,
 * types, package or method names drift from the vendor's fails these tests the way it would fail in production.
 */

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c.close()));
});

async function sber(phrases: string[] = ['алло']) {
  const authKey = 'MDE5YzEyMzQtc2FsdXRlOnNlY3JldA==';
  const oauth = await startSberOAuthServer({ authKey, scope: 'SALUTE_SPEECH_PERS' });
  const salute = await startSaluteServer({ tokenIsValid: oauth.isValid, phrases });
  closers.push(oauth, salute);
  return { salute, env: { SALUTE_AUTH_KEY: authKey, SALUTE_OAUTH_URL: oauth.oauthUrl, SALUTE_ENDPOINT: salute.endpoint } };
}

describe('contract: SaluteSpeech recognition smartspeech.recognition.v2 (Sber recognitionv2.proto)', () => {
  it('the options read by the official v2 schema are the ones we mean, and the oneof responses come back as speech events', async () => {
    const { salute, env } = await sber(['добрый день хочу записаться на маникюр']);
    const hints = ['Элегант', 'Маникюр', 'ноготочки', 'Ольга'];
    const chain = buildSttChain({ language: 'ru', providers: { stt: [{ name: 'salute' as const }] } }, env, new ProviderHealth(), { hints });
    const frames = speechLikeFrames('добрый день хочу записаться на маникюр', 16_000);

    const events = await streamEvents(chain.stt, frames);

    const options = salute.recognizeCalls[0]?.options as Record<string, any>;
    expect(options).toMatchObject({
      audio_encoding: SALUTE_AUDIO_ENCODING.PCM_S16LE,
      sample_rate: 16_000,
      channels_count: 1,
      language: 'ru-RU',
      model: 'callcenter',
      enable_multi_utterance: { enable: true },
      enable_partial_results: { enable: true },
      hypotheses_count: 1,
    });
    expect(durationMs(options.hints?.eou_timeout)).toBe(500);
    // the bot's vocabulary (company, services, staff) as recognition hints
    expect(options.hints?.words).toEqual(hints);
    // numbers stay words and nothing is censored; no timeout of zero that would cut the caller off
    expect(options.normalization_options?.enable?.enable ?? false).toBe(false);
    expect(options.normalization_options?.profanity_filter?.enable ?? false).toBe(false);
    for (const t of ['no_speech_timeout', 'max_speech_timeout']) if (options[t] !== undefined) expect(durationMs(options[t])).toBeGreaterThanOrEqual(2_000);
    expect(salute.recognizeCalls[0]?.audioBytes).toBe(frames.reduce((n, f) => n + f.data.byteLength, 0));
    // backend_info first, then transcription partials and the final (eou) — read from the response oneof
    const kinds = events.map((e) => e.type).filter((t) => t !== 'usage');
    expect(kinds[0]).toBe('start');
    expect(kinds).toContain('interim');
    expect(events.filter((e) => e.type === 'final').map((e) => e.text)).toEqual(['добрый день хочу записаться на маникюр']);
    expect(kinds.at(-1)).toBe('end');
  });
});

describe('contract: SaluteSpeech synthesis smartspeech.synthesis.v1 (Sber synthesis.proto)', () => {
  it('the request reads as text, PCM_S16LE, ru-RU and the voice; the audio chunks come back whole', async () => {
    const { salute, env } = await sber();
    const chain = buildTtsChain({ voice_id: 'russian-female-1', providers: { tts: [{ name: 'salute' as const }] } }, env, new ProviderHealth(), { sampleRate: 8_000 });

    const pcm = await new LiveKitTtsProvider('salute', () => chain.tts, 8_000).synthesize('Записала вас на пятницу на десять утра.');

    const { content_type: contentType = SALUTE_CONTENT_TYPE.TEXT, ...request } = salute.synthesizeCalls[0]?.request ?? {};
    expect(request).toEqual({ text: 'Записала вас на пятницу на десять утра.', audio_encoding: SALUTE_SYNTHESIS_ENCODING.PCM_S16LE, language: 'ru-RU', voice: 'Nec_8000' });
    expect(contentType).toBe(SALUTE_CONTENT_TYPE.TEXT);
    expect(pcm.byteLength).toBe(speechLikePcm('Записала вас на пятницу на десять утра.', 8_000).byteLength);
  });
});

describe('contract: SpeechKit STT v3 speechkit.stt.v3.Recognizer (Yandex cloudapi stt.proto)', () => {
  it('session options read as LPCM, no normalization, ru-RU whitelist, real time, default EOU classifier; no forced eou is ever sent', async () => {
    const server = await startYandexSttServer({ authorization: 'Api-Key AQVN-yc-test-key', phrases: ['алло а вы завтра работаете'] });
    closers.push(server);
    const env = { YANDEX_API_KEY: 'AQVN-yc-test-key', YANDEX_FOLDER_ID: 'b1gsalonfolder', YANDEX_STT_ENDPOINT: server.endpoint };
    const chain = buildSttChain({ language: 'ru', providers: { stt: [{ name: 'yandex' as const }] } }, env, new ProviderHealth());
    const frames = speechLikeFrames('алло а вы завтра работаете', 8_000);

    // the pipeline flushes after the caller's phrase, as LiveKit's turn detection does
    const stream = chain.stt.stream();
    for (const f of frames) stream.pushFrame(f);
    stream.flush();
    stream.endInput();
    const finals: string[] = [];
    for await (const ev of stream) if (ev.type === stt.SpeechEventType.FINAL_TRANSCRIPT) finals.push(ev.alternatives?.[0]?.text ?? '');

    expect(server.calls[0]?.options).toEqual({
      recognition_model: {
        model: 'general',
        audio_format: { raw_audio: { audio_encoding: SPEECHKIT_STT_ENUMS.LINEAR16_PCM, sample_rate_hertz: 8_000, audio_channel_count: 1 } },
        text_normalization: { text_normalization: SPEECHKIT_STT_ENUMS.TEXT_NORMALIZATION_DISABLED },
        language_restriction: { restriction_type: SPEECHKIT_STT_ENUMS.WHITELIST, language_code: ['ru-RU'] },
        audio_processing_type: SPEECHKIT_STT_ENUMS.REAL_TIME,
      },
      eou_classifier: { default_classifier: { type: SPEECHKIT_STT_ENUMS.EOU_HIGH } },
    });
    expect(server.calls[0]?.eouRequests).toBe(0);
    expect(finals).toEqual(['алло а вы завтра работаете']);
  });
});

describe('contract: SpeechKit TTS v3 speechkit.tts.v3.Synthesizer (Yandex cloudapi tts.proto)', () => {
  it('the request reads as text, the voice hint, raw LPCM at our rate, LUFS and unsafe mode; audio_chunk data comes back whole', async () => {
    const server = await startYandexTtsServer({ authorization: 'Api-Key AQVN-yc-test-key' });
    closers.push(server);
    const env = { YANDEX_API_KEY: 'AQVN-yc-test-key', YANDEX_FOLDER_ID: 'b1gsalonfolder', YANDEX_TTS_ENDPOINT: server.endpoint };
    const chain = buildTtsChain({ voice_id: 'russian-female-1', providers: { tts: [{ name: 'yandex' as const }] } }, env, new ProviderHealth(), { sampleRate: 8_000 });

    const pcm = await new LiveKitTtsProvider('yandex', () => chain.tts, 8_000).synthesize('Ждём вас в субботу.');

    expect(server.calls[0]?.request).toEqual({
      text: 'Ждём вас в субботу.',
      hints: [{ voice: 'alena' }],
      output_audio_spec: { raw_audio: { audio_encoding: SPEECHKIT_TTS_ENUMS.LINEAR16_PCM, sample_rate_hertz: 8_000 } },
      loudness_normalization_type: SPEECHKIT_TTS_ENUMS.LUFS,
      unsafe_mode: true,
    });
    expect(pcm.byteLength).toBe(speechLikePcm('Ждём вас в субботу.', 8_000).byteLength);
  });
});
