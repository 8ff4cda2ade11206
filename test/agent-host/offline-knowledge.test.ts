import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledgeDir } from '../../agent-host/src/offline-knowledge.ts';
import { runSimulation } from '../../agent-host/src/simulator.ts';
import { speechMs } from '../../agent-host/src/speech-clock.ts';
import { loadConfig, NOW } from '../core/engine/harness.ts';
import parity from '../fixtures/knowledge/salon-search-parity.json' with { type: 'json' };
import { runSimulatorInProcess as simulate } from '../support/run-simulator.ts';

const NOW_ARG = ['--now', '2026-11-25T10:00:00+03:00'];
const SALON_DOCS = 'scenarios/knowledge/salon-bot-1';

describe('offline knowledge: the Worker parsers, chunking and BM25 statement on node:sqlite', () => {
  const kb = loadKnowledgeDir(SALON_DOCS, 'salon-bot-1');
  afterAll(async () => (await kb).close());

  it('indexes the bot folder (CSV price list, Markdown FAQ) and ranks like the search API', async () => {
    const k = await kb;
    expect(k.files).toEqual([
      { name: 'faq.md', chunks: expect.any(Number) },
      { name: 'prices.csv', chunks: expect.any(Number) },
    ]);
    const [price] = k.search('эээ а сколько стоит стрижка', 3);
    expect(price).toMatchObject({ source: 'prices.csv', text: expect.stringContaining('Стрижка женская') });
    expect(price!.text).toContain('1500 руб.');
    expect(k.search('короче до скольки вы работаете в субботу', 1)[0]).toMatchObject({ source: 'faq.md', section: expect.stringContaining('Режим работы') });
    expect(k.search('ну а где у вас можно машину оставить', 1)[0]?.text).toContain('парковка');
  });

  it('answers as recorded in the parity fixture, which the Worker test checks against D1', async () => {
    const k = await kb;
    for (const { question, hits } of parity) {
      const shown = k.search(question, 3).map((h) => ({ source: h.source, section: h.section, score: Math.round(h.score * 1e4) / 1e4, text: h.text.split('\n')[0] }));
      expect(shown, question).toEqual(hits);
    }
  });
});

describe('simulator with knowledge, offline', () => {
  it('answers a price question from scenarios/knowledge/<bot_id>/ by default', async () => {
    const { code, stdout, stderr } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', ...NOW_ARG], 'эээ а сколько стоит стрижка\nнет спасибо до свидания\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Бот: Женская стрижка стоит 1500 руб. Могу ещё чем-нибудь помочь?');
    expect(stderr).toMatch(/^simulate: знания: 2 файл\(ов\), \d+ фрагмент\(ов\) из .*scenarios\/knowledge\/salon-bot-1\n$/);
  });

  it('takes the documents of --knowledge DIR and names the files it skips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-'));
    writeFileSync(join(dir, 'prajs.txt'), 'Прайс автосервиса.\nЗамена масла в двигателе стоит 1800 рублей вместе с работой, масло клиента или наше.\n');
    writeFileSync(join(dir, 'photo.jpg'), 'not a document');
    const { code, stdout, stderr } = await simulate(['--scenario', 'scenarios/car-service.yaml', ...NOW_ARG, '--knowledge', dir], 'ну а сколько у вас стоит замена масла\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Замена масла в двигателе стоит 1800 рублей');
    expect(stderr).toContain('знания: 1 файл(ов)');
    expect(stderr).toContain('photo.jpg: unsupported file type');
  });

  it('a bot without documents says it has no information and offers a callback, never "не понял"', async () => {
    const { code, stdout, stderr } = await simulate(['--scenario', 'scenarios/dental-clinic.yaml', ...NOW_ARG], 'а скажите у вас парковка есть\nда\n');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const replies = stdout.split('\n').filter((l) => l.startsWith('Бот:'));
    expect(replies[1]).toMatch(/^Бот: К сожалению, точной информации об этом у меня нет\. (Соединить вас с администратором|Хотите, администратор вам перезвонит)\?$/);
    expect(replies[2]).toBeDefined();
    expect(stdout).not.toMatch(/не понял|не расслышал/);
  });

  it('refuses a --knowledge folder it cannot read, and --knowledge with --post', async () => {
    const missing = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', '--knowledge', 'scenarios/knowledge/no-such-bot'], '');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--knowledge scenarios/knowledge/no-such-bot');
    const both = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', '--post', 'http://127.0.0.1:9', '--knowledge', SALON_DOCS], '');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--knowledge is for offline calls');
  });
});

describe('duration of a piped simulator call', () => {
  it('lasts as long as saying its lines takes, with turn times in between', async () => {
    const lines = ['здравствуйте хочу записаться на маникюр', '<silence>', 'в пятницу в одиннадцать утра'];
    const result = await runSimulation({ config: loadConfig('salon-bot-1'), lines, now: NOW });
    const started = Date.parse(result.started_at);
    const ended = Date.parse(result.ended_at);
    const said = result.turns.reduce((ms, t) => ms + speechMs(t.text), 0);
    // Every line spoken, plus the one silence (silence_timeout_sec = 10), which is no turn of its own.
    expect(ended - started).toBe(said + 10_000);
    const times = result.turns.map((t) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBeGreaterThan(started);
  });
});
