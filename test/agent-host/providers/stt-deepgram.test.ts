import { afterEach, describe, expect, it } from 'vitest';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { LiveKitSttProvider } from '../../../agent-host/src/providers/stt/provider.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { startDeepgramServer, type DeepgramServer } from '../../support/servers/deepgram-server.ts';
import { ESPEAK_SKIP_REASON, asSource, hasEspeak, speechFrames } from './speech.ts';

const config = { language: 'ru', providers: { stt: [{ name: 'deepgram' as const, model: 'nova-2' }] } };
let server: DeepgramServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.skipIf(!hasEspeak)(`Deepgram STT against a local /v1/listen server${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('streams linear16 audio with the Token header and Russian options, and yields final transcripts', async () => {
    server = await startDeepgramServer({ apiKey: 'dg-test-key', phrases: ['здравствуйте хочу записаться на стрижку'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(config, { DEEPGRAM_API_KEY: 'dg-test-key', DEEPGRAM_BASE_URL: server.wsUrl }, health);
    const provider = new LiveKitSttProvider('deepgram', chain.stt);
    const frames = await speechFrames('Здравствуйте, хочу записаться на стрижку');

    const texts: string[] = [];
    for await (const t of provider.transcribeStream(asSource(frames))) texts.push(t);

    expect(texts).toContain('здравствуйте хочу записаться на стрижку');
    const conn = server.connections[0];
    expect(conn?.authorization).toBe('Token dg-test-key');
    expect(conn?.query.get('model')).toBe('nova-2');
    expect(conn?.query.get('language')).toBe('ru');
    expect(conn?.query.get('encoding')).toBe('linear16');
    expect(conn?.query.get('sample_rate')).toBe('16000');
    expect(conn?.audioBytes).toBeGreaterThan(16_000);
    expect(health.snapshot()['stt:deepgram']?.status).toBe('ok');
  });

  it('a rejected key (401) marks Deepgram unavailable with a message naming DEEPGRAM_API_KEY', async () => {
    server = await startDeepgramServer({ apiKey: 'the-real-key', phrases: ['не важно'] });
    const health = new ProviderHealth();
    const chain = buildSttChain(config, { DEEPGRAM_API_KEY: 'wrong-key', DEEPGRAM_BASE_URL: server.wsUrl }, health);
    const provider = new LiveKitSttProvider('deepgram', chain.stt);
    const frames = await speechFrames('Алло');

    const texts: string[] = [];
    for await (const t of provider.transcribeStream(asSource(frames))) texts.push(t);

    expect(texts).toEqual([]);
    const state = health.snapshot()['stt:deepgram'];
    expect(state?.status).toBe('unavailable');
    expect(state?.lastError).toMatch(/DEEPGRAM_API_KEY rejected \(401\)/);
    expect(() => buildSttChain(config, { DEEPGRAM_API_KEY: 'wrong-key', DEEPGRAM_BASE_URL: server!.wsUrl }, health)).toThrow(
      /no stt provider available: deepgram: DEEPGRAM_API_KEY rejected \(401\)/,
    );
  });
});
