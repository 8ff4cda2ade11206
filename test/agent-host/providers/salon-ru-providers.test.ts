import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import { PROVIDER_LOCATIONS } from '../../../agent-host/src/providers/locations.ts';
import { runSimulatorInProcess } from '../../support/run-simulator.ts';

const FILE = 'scenarios/salon-ru-providers.yaml';

describe('bundled salon with Russia-hosted providers only (yandex-stt, salute-stt, yandex-tts, salute-tts, yandexgpt, gigachat)', () => {
  it('names only providers that keep callers’ audio and text in Russia', () => {
    const parsed = parseBotConfigText(readFileSync(FILE, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const p = parsed.config.providers!;
    expect(p.stt?.map((r) => r.name)).toEqual(['yandex', 'salute', 'whisper']);
    expect(p.tts?.map((r) => r.name)).toEqual(['yandex', 'salute', 'openai-compatible']);
    expect(p.llm?.map((r) => r.name)).toEqual(['ollama', 'yandexgpt', 'gigachat']);
    for (const r of p.stt ?? []) expect(PROVIDER_LOCATIONS.stt[r.name].inRussia).toBe(true);
    for (const r of p.tts ?? []) expect(PROVIDER_LOCATIONS.tts[r.name].inRussia).toBe(true);
    for (const r of p.llm ?? []) expect(PROVIDER_LOCATIONS.llm[r.name].inRussia).toBe(true);
  });

  it("passes its own dialogue tests in the text simulator", async () => {
    const { code, stdout } = await runSimulatorInProcess(['--test', FILE], '');
    expect(stdout).toContain('3 из 3 тестов прошли');
    expect(code).toBe(0);
  });

  it('books a manicure through the text simulator like the original salon', async () => {
    const input = ['ну здравствуйте запишите меня на маникюр в пятницу в одиннадцать', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'да', 'нет спасибо', ''].join('\n');
    const { code, stdout } = await runSimulatorInProcess(['--scenario', FILE, '--now', '2026-11-25T10:00:00+03:00', '--json'], input);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'booking_created', fields: { service: 'маникюр', time: '11:00', phone: '+79161234567' } });
  });
});
