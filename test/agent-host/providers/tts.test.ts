import { afterEach, describe, expect, it } from 'vitest';
import { pcmDurationMs, pcmRms } from '../../../agent-host/src/providers/audio.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildTtsChain } from '../../../agent-host/src/providers/tts/chain.ts';
import { LiveKitTtsProvider } from '../../../agent-host/src/providers/tts/provider.ts';
import { resolveVoice } from '../../../agent-host/src/providers/tts/voices.ts';
import { startCartesiaServer, type CartesiaServer } from '../../support/servers/cartesia-server.ts';
import { ESPEAK_SKIP_REASON, hasEspeak } from './speech.ts';

const greeting = 'Здравствуйте! Салон красоты «Элегант». Чем могу помочь?';
let cartesia: CartesiaServer | undefined;
afterEach(async () => {
  await cartesia?.close();
  cartesia = undefined;
});

describe('voice mapping', () => {
  it('maps logical voices per provider, passes raw provider ids through, lets env override', () => {
    expect(resolveVoice('espeak', 'russian-male-1')).toBe('ru+m3');
    expect(resolveVoice('elevenlabs', 'russian-female-1')).toBe('EXAVITQu4vr4xnSDxMaL');
    expect(resolveVoice('cartesia', '3f4ade23-6eb4-4279-ab05-6a144947c4d5')).toBe('3f4ade23-6eb4-4279-ab05-6a144947c4d5');
    expect(resolveVoice('cartesia', 'russian-female-1', { CARTESIA_VOICE_RUSSIAN_FEMALE_1: 'uuid-from-env' })).toBe('uuid-from-env');
  });
});

describe.skipIf(!hasEspeak)(`espeak-ng TTS${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('speaks a Russian greeting as real audio: seconds long and far from silence', async () => {
    const health = new ProviderHealth();
    const chain = buildTtsChain({ voice_id: 'russian-female-1', providers: { tts: [{ name: 'espeak' }] } }, {}, health);
    const speaker = new LiveKitTtsProvider('espeak', () => chain.tts, 16_000);

    const pcm = await speaker.synthesize(greeting, 'russian-female-1');

    const ms = pcmDurationMs(pcm, 16_000);
    expect(ms).toBeGreaterThan(2000);
    expect(ms).toBeLessThan(15_000);
    expect(pcmRms(pcm)).toBeGreaterThan(0.02);
  });
});

describe('Cartesia TTS against a local /tts/websocket server', () => {
  it('sends sonic-2, language ru, the mapped voice and the key headers; returns the streamed PCM', async () => {
    cartesia = await startCartesiaServer({ apiKey: 'cart-key' });
    const health = new ProviderHealth();
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'cartesia', model: 'sonic-2', voice: 'a2f12ebd-80df-4de7-83f3-809599135b1d' }] } },
      { CARTESIA_API_KEY: 'cart-key', CARTESIA_BASE_URL: cartesia.url },
      health,
    );
    const pcm = await new LiveKitTtsProvider('cartesia', () => chain.tts, 24_000).synthesize('Вы записаны на завтра на 15:00.');

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(300);
    expect(pcmRms(pcm)).toBeGreaterThan(0.05);
    const first = cartesia.requests[0];
    expect(first?.apiKey).toBe('cart-key');
    expect(first?.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first?.message).toMatchObject({ model_id: 'sonic-2', language: 'ru', voice: { mode: 'id', id: 'a2f12ebd-80df-4de7-83f3-809599135b1d' } });
    expect(cartesia.requests.map((r) => r.message.transcript).join('')).toContain('записаны');
  });

  it.skipIf(!hasEspeak)('a 5xx from Cartesia before any audio falls through to espeak-ng in the same utterance', async () => {
    cartesia = await startCartesiaServer({ apiKey: 'cart-key', behaviour: 503 });
    const health = new ProviderHealth();
    const errors: string[] = [];
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'cartesia' }, { name: 'espeak' }] } },
      { CARTESIA_API_KEY: 'cart-key', CARTESIA_BASE_URL: cartesia.url },
      health,
      { errorSink: { providerError: (kind, name) => errors.push(`${kind}:${name}`) } },
    );
    const pcm = await new LiveKitTtsProvider('chain', () => chain.tts, 24_000).synthesize('Минутку, уточняю расписание.');

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(800);
    expect(pcmRms(pcm)).toBeGreaterThan(0.02);
    expect(errors).toContain('tts:cartesia');
    expect(health.snapshot()['tts:cartesia']?.status).toBe('cooling_down');
  });

  it('a rejected key (401) marks Cartesia unavailable with a message naming CARTESIA_API_KEY', async () => {
    cartesia = await startCartesiaServer({ apiKey: 'real-key' });
    const health = new ProviderHealth();
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'cartesia' }] } },
      { CARTESIA_API_KEY: 'wrong', CARTESIA_BASE_URL: cartesia.url },
      health,
    );
    const pcm = await new LiveKitTtsProvider('cartesia', () => chain.tts, 24_000).synthesize('Алло').catch(() => new Uint8Array());

    expect(pcm.byteLength).toBe(0);
    expect(health.snapshot()['tts:cartesia']).toMatchObject({ status: 'unavailable', lastError: expect.stringMatching(/CARTESIA_API_KEY rejected \(401\)/) });
  });
});
