import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/index.ts';
import { runConfigTests } from '../../../core/engine/index.ts';
import { loadConfig, NOW } from './harness.ts';

describe('config tests (tests: in a bot config)', () => {
  it('every bundled config passes its own tests', () => {
    for (const name of ['salon-bot-1', 'dental-clinic', 'car-service'] as const) {
      const results = runConfigTests(loadConfig(name), NOW);
      expect(results.length, name).toBeGreaterThanOrEqual(2);
      for (const r of results) expect(r, `${name}: ${r.name}\n${r.transcript.map((l) => `${l.role}: ${l.text}`).join('\n')}`).toMatchObject({ passed: true });
    }
  });

  it('reads expected values the way a caller says them, and lists every difference', () => {
    const text = readFileSync(new URL('../../../scenarios/salon-bot-1.yaml', import.meta.url), 'utf8').replace(
      /\ntests:\n[\s\S]*$/,
      `
tests:
  - name: "запись на завтра"
    caller: "+79161234567"
    lines: ["запишите на стрижку завтра в три", "да", "да"]
    expect:
      fields: { service: "стрижка", date: "завтра", time: "три часа дня", phone: "8 916 123 45 67" }
      outcome: "booking_created"
      says: ["с которого вы звоните"]
  - name: "ожидания не сбылись"
    lines: ["запишите на стрижку завтра в три"]
    expect:
      fields: { service: "маникюр", date: "послезавтра", phone: "89161234567" }
      outcome: "booking_created"
      ended_by: "caller"
      says: ["до свидания"]
`,
    );
    const parsed = parseBotConfigText(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [ok, bad] = runConfigTests(parsed.config, NOW);
    expect(ok).toMatchObject({ name: 'запись на завтра', passed: true, failures: [], outcome: 'booking_created' });
    expect(bad!.passed).toBe(false);
    expect(bad!.failures).toEqual([
      'field "service": expected "маникюр", got "стрижка"',
      'field "date": expected "2026-11-27", got "2026-11-26"',
      'field "phone": expected "+79161234567", got nothing',
      'outcome: expected "booking_created", got none',
      'ended_by: expected "caller", got none',
      'the bot never said "до свидания"',
    ]);
    expect(bad!.transcript.map((l) => l.role)).toEqual(['bot', 'caller', 'bot']);
  });
});
