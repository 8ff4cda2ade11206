import { initializeLogger } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { LiveKitSttProvider } from '../../../agent-host/src/providers/stt/provider.ts';
import { startDeepgramServer } from '../../support/servers/deepgram-server.ts';
import { startWhisperServer } from '../../support/servers/whisper-server.ts';
import { ESPEAK_SKIP_REASON, asSource, hasEspeak, speechFrames, sttTestHooks } from './speech.ts';

initializeLogger({ pretty: false, level: 'silent' });

const { servers, vad } = sttTestHooks();

async function transcribe(stt: ConstructorParameters<typeof LiveKitSttProvider>[1], frames: Awaited<ReturnType<typeof speechFrames>>) {
  const out: string[] = [];
  for await (const t of new LiveKitSttProvider('phone', stt).transcribeStream(asSource(frames))) out.push(t);
  return out;
}

// yandex-stt and salute-stt take 8 kHz as is: see their own tests. These cover the other two.
describe.skipIf(!hasEspeak)(`8 kHz telephone audio reaches Deepgram and Whisper without a resample${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('Deepgram is told sample_rate=8000 on a phone call and gets every byte as it came', async () => {
    const server = await startDeepgramServer({ apiKey: 'dg', phrases: ['алло девушка вы меня слышите'], bytesPerPhrase: 8_000 * 2 });
    servers.push(server);
    const chain = buildSttChain({ language: 'ru', providers: { stt: [{ name: 'deepgram' }] } }, { DEEPGRAM_API_KEY: 'dg', DEEPGRAM_BASE_URL: server.wsUrl }, new ProviderHealth(), {
      inputSampleRate: 8_000,
    });
    const frames = await speechFrames('Алло, девушка, вы меня слышите?', 8_000);

    const texts = await transcribe(chain.stt, frames);

    expect(texts).toContain('алло девушка вы меня слышите');
    expect(server.connections[0]?.query.get('sample_rate')).toBe('8000');
    expect(server.connections[0]?.audioBytes).toBe(frames.reduce((n, f) => n + f.data.byteLength, 0));
  });

  it('Whisper gets the phrase as an 8 kHz WAV', async () => {
    const whisper = await startWhisperServer({ phrases: ['а в воскресенье вы работаете'] });
    servers.push(whisper);
    const chain = buildSttChain({ language: 'ru', providers: { stt: [{ name: 'whisper' }] } }, { WHISPER_URL: whisper.url }, new ProviderHealth(), { vad: vad(), inputSampleRate: 8_000 });

    const texts = await transcribe(chain.stt, await speechFrames('А в воскресенье вы работаете?', 8_000));

    expect(texts).toEqual(['а в воскресенье вы работаете']);
    expect(whisper.requests[0]?.sampleRate).toBe(8_000);
  });
});
