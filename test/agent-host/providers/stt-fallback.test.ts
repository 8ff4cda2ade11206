import { describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { LiveKitSttProvider } from '../../../agent-host/src/providers/stt/provider.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { startDeepgramServer } from '../../support/servers/deepgram-server.ts';
import { startWhisperServer } from '../../support/servers/whisper-server.ts';
import { ESPEAK_SKIP_REASON, asSource, hasEspeak, speechFrames, sttTestHooks } from './speech.ts';

const config = {
  language: 'ru',
  providers: { stt: [{ name: 'deepgram' as const, model: 'nova-2' }, { name: 'whisper' as const, model: 'large-v3' }] },
};
const { servers, vad } = sttTestHooks();

async function transcribe(provider: LiveKitSttProvider, text: string): Promise<string[]> {
  const out: string[] = [];
  for await (const t of provider.transcribeStream(asSource(await speechFrames(text)))) out.push(t);
  return out;
}

describe.skipIf(!hasEspeak)(`STT fallback chain Deepgram → Whisper${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('Whisper alone: VAD cuts the phrase and posts one WAV with model and language=ru', async () => {
    const whisper = await startWhisperServer({ phrases: ['запишите меня на завтра на три часа'], apiKey: 'wh-key' });
    servers.push(whisper);
    const chain = buildSttChain(
      { language: 'ru', providers: { stt: [{ name: 'whisper', model: 'large-v3' }] } },
      { WHISPER_URL: whisper.url, WHISPER_API_KEY: 'wh-key' },
      new ProviderHealth(),
      { vad: vad() },
    );
    const texts = await transcribe(new LiveKitSttProvider('whisper', chain.stt), 'Запишите меня на завтра на три часа');

    expect(texts).toEqual(['запишите меня на завтра на три часа']);
    expect(whisper.requests[0]).toMatchObject({ authorization: 'Bearer wh-key', model: 'large-v3', language: 'ru' });
    expect(whisper.requests[0]?.audioMs).toBeGreaterThan(500);
  });

  it('Deepgram refusing the stream with 429 hands the same turn to Whisper, and Deepgram cools down', async () => {
    const deepgram = await startDeepgramServer({ apiKey: 'dg', phrases: ['не должно прийти'], behaviours: [429] });
    const whisper = await startWhisperServer({ phrases: ['хочу записаться на маникюр'] });
    servers.push(deepgram, whisper);
    const health = new ProviderHealth({ coolDownMs: 60_000 });
    const env = { DEEPGRAM_API_KEY: 'dg', DEEPGRAM_BASE_URL: deepgram.wsUrl, WHISPER_URL: `${whisper.url}/v1` };
    const chain = buildSttChain(config, env, health, { vad: vad() });
    expect(chain.names).toEqual(['deepgram', 'whisper']);

    const texts = await transcribe(new LiveKitSttProvider('chain', chain.stt), 'Хочу записаться на маникюр');

    expect(texts).toContain('хочу записаться на маникюр');
    expect(deepgram.connections.length).toBeGreaterThanOrEqual(1);
    const state = health.snapshot()['stt:deepgram'];
    expect(state?.status).toBe('cooling_down');
    expect(state?.lastError).toMatch(/429/);
    // the next call's chain tries Whisper first while Deepgram cools down
    expect(buildSttChain(config, env, health, { vad: vad() }).names).toEqual(['whisper', 'deepgram']);
  });

  it('Whisper answering 503 is a retryable failure: counted, cooled down, not fatal', async () => {
    const whisper = await startWhisperServer({ phrases: ['x'], status: 503 });
    servers.push(whisper);
    const health = new ProviderHealth();
    const errors: string[] = [];
    const chain = buildSttChain(
      { language: 'ru', providers: { stt: [{ name: 'whisper' }] } },
      { WHISPER_URL: whisper.url },
      health,
      { vad: vad(), errorSink: { providerError: (kind, name) => errors.push(`${kind}:${name}`) } },
    );
    const texts = await transcribe(new LiveKitSttProvider('whisper', chain.stt), 'Алло, вы меня слышите?');

    expect(texts).toEqual([]);
    expect(errors).toContain('stt:whisper');
    expect(health.snapshot()['stt:whisper']?.status).toBe('cooling_down');
  });
});
