// The simulator's offline knowledge (agent-host/src/offline-knowledge.ts, node:sqlite) must rank as the Worker does.
// test/fixtures/knowledge/salon-search-parity.json holds what the offline index answers for a few caller
// questions (test/agent-host/offline-knowledge.test.ts checks it there, scores included); here the real upload →
// ingest queue → D1 FTS5 search of the Worker must answer the same chunks in the same order. Scores are not
// compared: bm25() normalizes by the whole table's row count and average length, and the D1 of these tests (like
// production's) holds other bots' chunks too.
import { describe, expect, it } from 'vitest';
import faq from '../../scenarios/knowledge/salon-bot-1/faq.md?raw';
import prices from '../../scenarios/knowledge/salon-bot-1/prices.csv?raw';
import parity from '../fixtures/knowledge/salon-search-parity.json';
import { search, uploadAndIndex } from './knowledge-helpers.ts';
import { createCompanyWithBot } from './support.ts';

describe('knowledge search: the Worker and the offline simulator rank alike', () => {
  it('answers the salon questions with the chunks and order of the offline index', async () => {
    const { company, bot } = await createCompanyWithBot();
    // Uploaded one after the other, in the offline index's (file name) order.
    expect(await uploadAndIndex(company.key, bot.id, 'faq.md', faq, 'text/markdown')).toMatchObject({ status: 'ready' });
    expect(await uploadAndIndex(company.key, bot.id, 'prices.csv', prices, 'text/csv')).toMatchObject({ status: 'ready' });
    for (const { question, hits } of parity) {
      const found = await search(company.key, bot.id, question, 3);
      const shown = found.map((h) => ({ source: h.source, section: h.section, text: h.text.split('\n')[0] }));
      expect(shown, question).toEqual(hits.map(({ score: _score, ...hit }) => hit));
    }
  });
});
