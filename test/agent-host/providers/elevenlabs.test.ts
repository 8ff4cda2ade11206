import { afterEach, describe, expect, it } from 'vitest';
import { pcmDurationMs, pcmRms } from '../../../agent-host/src/providers/audio.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildTtsChain } from '../../../agent-host/src/providers/tts/chain.ts';
import { LiveKitTtsProvider } from '../../../agent-host/src/providers/tts/provider.ts';
import { startCartesiaServer } from '../../support/servers/cartesia-server.ts';
import { type ElevenLabsServer, startElevenLabsServer } from '../../support/servers/elevenlabs-server.ts';
import type { LocalServer } from '../../support/servers/http-util.ts';

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function elevenlabs(apiKey: string, behaviour?: Parameters<typeof startElevenLabsServer>[0]['behaviour']): Promise<ElevenLabsServer> {
  const server = await startElevenLabsServer({ apiKey, ...(behaviour ? { behaviour } : {}) });
  servers.push(server);
  return server;
}

describe('ElevenLabs TTS against a local multi-stream-input server', () => {
  it('speaks Russian: xi-api-key header, the mapped voice, a multilingual model, language_code=ru; returns the streamed PCM', async () => {
    const server = await elevenlabs('xi-test-key');
    const health = new ProviderHealth();
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'elevenlabs' }] } },
      { ELEVENLABS_API_KEY: 'xi-test-key', ELEVENLABS_BASE_URL: server.apiRoot },
      health,
    );

    const pcm = await new LiveKitTtsProvider('elevenlabs', () => chain.tts, 22_050).synthesize('Добрый день! Стоматология «Улыбка», чем могу помочь?');

    expect(pcmDurationMs(pcm, 22_050)).toBeGreaterThan(500);
    expect(pcmRms(pcm)).toBeGreaterThan(0.05);
    const conn = server.connections[0];
    expect(conn?.apiKey).toBe('xi-test-key');
    expect(conn?.voiceId).toBe('EXAVITQu4vr4xnSDxMaL');
    expect(conn?.query.get('model_id')).toBe('eleven_flash_v2_5');
    expect(conn?.query.get('language_code')).toBe('ru');
    expect(conn?.query.get('output_format')).toBe('pcm_22050');
    const texts = conn?.messages.filter((m) => typeof m.text === 'string').map((m) => m.text as string) ?? [];
    expect(texts[0]).toBe(' '); // the context-opening message
    expect(texts.join('')).toContain('Стоматология');
    expect(conn?.messages.some((m) => m.close_context === true)).toBe(true);
    expect(health.snapshot()['tts:elevenlabs']?.status).toBe('ok');
  });

  it('a rejected key (401) marks ElevenLabs unavailable with a config error naming ELEVENLABS_API_KEY', async () => {
    const server = await elevenlabs('the-real-key');
    const health = new ProviderHealth();
    const config = { voice_id: 'russian-female-1', providers: { tts: [{ name: 'elevenlabs' as const }] } };
    const env = { ELEVENLABS_API_KEY: 'wrong-key', ELEVENLABS_BASE_URL: server.apiRoot };
    const chain = buildTtsChain(config, env, health);

    const pcm = await new LiveKitTtsProvider('elevenlabs', () => chain.tts, 22_050).synthesize('Алло').catch(() => new Uint8Array());

    expect(pcm.byteLength).toBe(0);
    expect(server.connections[0]?.apiKey).toBe('wrong-key');
    expect(health.snapshot()['tts:elevenlabs']).toMatchObject({ status: 'unavailable', lastError: expect.stringMatching(/ELEVENLABS_API_KEY rejected \(401\)/) });
    expect(() => buildTtsChain(config, env, health)).toThrow(/no tts provider available: elevenlabs: ELEVENLABS_API_KEY rejected \(401\)/);
  });

  it('an error before any audio falls through to the next TTS (Cartesia) within the same utterance', async () => {
    const eleven = await elevenlabs('xi-key', 'error-before-audio');
    const cartesia = await startCartesiaServer({ apiKey: 'cart-key' });
    servers.push(cartesia);
    const health = new ProviderHealth();
    const errors: string[] = [];
    const chain = buildTtsChain(
      { voice_id: 'russian-female-1', providers: { tts: [{ name: 'elevenlabs' }, { name: 'cartesia', voice: 'a2f12ebd-80df-4de7-83f3-809599135b1d' }] } },
      { ELEVENLABS_API_KEY: 'xi-key', ELEVENLABS_BASE_URL: eleven.apiRoot, CARTESIA_API_KEY: 'cart-key', CARTESIA_BASE_URL: cartesia.url },
      health,
      { errorSink: { providerError: (kind, name) => errors.push(`${kind}:${name}`) } },
    );

    const pcm = await new LiveKitTtsProvider('chain', () => chain.tts, 24_000).synthesize('Ваша запись подтверждена на пятницу.');

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(300);
    expect(pcmRms(pcm)).toBeGreaterThan(0.05);
    expect(eleven.connections.length).toBeGreaterThanOrEqual(1);
    expect(cartesia.requests.map((r) => r.message.transcript).join('')).toContain('подтверждена');
    expect(errors).toContain('tts:elevenlabs');
    expect(health.snapshot()['tts:elevenlabs']?.status).toBe('cooling_down');
  });
});

describe('Groq-style 403 (region block) at the protocol level', () => {
  it('Cartesia refusing the socket with 403 is marked unavailable, the turn is spoken by ElevenLabs, and the next chain skips Cartesia', async () => {
    const cartesia = await startCartesiaServer({ apiKey: 'cart-key', behaviour: 'reject-403' });
    servers.push(cartesia);
    const eleven = await elevenlabs('xi-key');
    const health = new ProviderHealth();
    const config = { voice_id: 'russian-male-1', providers: { tts: [{ name: 'cartesia' as const }, { name: 'elevenlabs' as const }] } };
    const env = { CARTESIA_API_KEY: 'cart-key', CARTESIA_BASE_URL: cartesia.url, ELEVENLABS_API_KEY: 'xi-key', ELEVENLABS_BASE_URL: eleven.apiRoot };
    const chain = buildTtsChain(config, env, health);
    expect(chain.names).toEqual(['cartesia', 'elevenlabs']);

    const pcm = await new LiveKitTtsProvider('chain', () => chain.tts, 24_000).synthesize('Перезвоню вам через пять минут.');

    expect(pcmDurationMs(pcm, 24_000)).toBeGreaterThan(300);
    expect(eleven.connections[0]?.voiceId).toBe('pNInz6obpgDQGcFmaJgB');
    expect(health.snapshot()['tts:cartesia']).toMatchObject({ status: 'unavailable', lastError: expect.stringMatching(/403 Forbidden/) });
    expect(buildTtsChain(config, env, health).names).toEqual(['elevenlabs']);
  });
});
