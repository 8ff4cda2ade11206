import { afterEach, describe, expect, it } from 'vitest';
import { sttVocabulary } from '../../../core/config/stt-vocabulary.ts';
import { ProviderHealth } from '../../../agent-host/src/providers/health.ts';
import { buildSttChain } from '../../../agent-host/src/providers/stt/chain.ts';
import { loadConfig } from '../../core/engine/harness.ts';
import { startDeepgramServer, type DeepgramServer } from '../../support/servers/deepgram-server.ts';
import { startYandexSttServer, type YandexSttServer } from '../../support/servers/yandex-stt-server.ts';
import { speechLikeFrames } from './speech.ts';
import { streamEvents } from './stt-events.ts';

const servers: (DeepgramServer | YandexSttServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('the bot\'s vocabulary as recognition hints', () => {
  it('is built from the config (company, enum services and masters with synonyms) and the calendar, deduplicated', () => {
    const salon = loadConfig('salon-bot-1');
    const words = sttVocabulary(salon, { services: [{ name: 'Маникюр', synonyms: ['ноготочки'] }, { name: 'Педикюр' }], staff: ['Ольга Петрова', 'Марина'] });
    expect(words.slice(0, 5)).toEqual([...(salon.company?.name ? [salon.company.name] : []), 'Маникюр', 'ноготочки', 'Педикюр', 'Ольга Петрова'].slice(0, 5));
    expect(words).toContain('Марина');
    expect(new Set(words.map((w) => w.toLowerCase())).size).toBe(words.length);
    expect(words.length).toBeLessThanOrEqual(100);
  });

  it('Deepgram Nova-3 gets them as keyterms, older models as boosted keywords (in the /v1/listen query)', async () => {
    const hints = ['Элегант', 'маникюр', 'Ольга'];
    for (const model of ['nova-3', 'nova-2']) {
      const server = await startDeepgramServer({ apiKey: 'dg-test-key', phrases: ['алло'] });
      servers.push(server);
      const chain = buildSttChain({ language: 'ru', providers: { stt: [{ name: 'deepgram' as const, model }] } }, { DEEPGRAM_API_KEY: 'dg-test-key', DEEPGRAM_BASE_URL: server.wsUrl }, new ProviderHealth(), { hints });
      await streamEvents(chain.stt, speechLikeFrames('алло', 16_000));
      const q = server.connections[0]!.query;
      if (model === 'nova-3') expect(q.getAll('keyterm')).toEqual(hints);
      else expect(q.getAll('keywords')).toEqual(hints.map((h) => `${h}:2`));
    }
  });

  it('SpeechKit v3 streaming has no hint field: the session options stay the official ones', async () => {
    const server = await startYandexSttServer({ authorization: 'Api-Key k', phrases: ['алло'] });
    servers.push(server);
    const chain = buildSttChain({ language: 'ru', providers: { stt: [{ name: 'yandex' as const }] } }, { YANDEX_API_KEY: 'k', YANDEX_STT_ENDPOINT: server.endpoint }, new ProviderHealth(), { hints: ['Элегант'] });
    await streamEvents(chain.stt, speechLikeFrames('алло', 16_000));
    expect(JSON.stringify(server.calls[0]?.options)).not.toContain('Элегант');
  });
});
