import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBotConfigText } from '../../../core/config/index.ts';
import { runConfigTests } from '../../../core/engine/index.ts';
import { loadConfig, NOW } from './harness.ts';

describe('config tests (tests: in a bot config)', () => {
  it('every bundled config passes its own tests', async () => {
    for (const name of ['salon-bot-1', 'dental-clinic', 'car-service'] as const) {
      const results = await runConfigTests(loadConfig(name), NOW);
      expect(results.length, name).toBeGreaterThanOrEqual(2);
      for (const r of results) expect(r, `${name}: ${r.name}\n${r.transcript.map((l) => `${l.role}: ${l.text}`).join('\n')}`).toMatchObject({ passed: true });
    }
  });

  it('reads expected values the way a caller says them, and lists every difference', async () => {
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
    const [ok, bad] = await runConfigTests(parsed.config, NOW);
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

const BOOKING_TESTS = `
booking:
  provider: builtin
tests:
  - name: "свободно в три"
    now: "2026-11-25T10:00:00+03:00"
    availability: { free: ["11:00", "15:00", "16:30"] }
    caller: "+79161234567"
    lines: ["ну здравствуйте мне бы на маникюр в пятницу в три", "да", "да", "нет спасибо"]
    expect: { fields: { time: "15:00", booking_id: "test-booking-1" }, outcome: "booking_created", says: ["вы записаны"] }
  - name: "в три занято"
    now: "2026-11-25T10:00:00+03:00"
    availability: { free: ["11:00"], dates: { "2026-11-27": ["14:00", "16:30", "18:00"] } }
    caller: "+79161234567"
    lines: ["запишите на маникюр в пятницу в три", "давайте первое", "да", "да"]
    expect: { fields: { time: "14:00" }, outcome: "booking_created", says: ["В 15:00 занято, могу предложить 14:00 или 16:30"] }
  - name: "система записи не отвечает"
    now: "2026-11-25T10:00:00+03:00"
    availability: { down: true }
    caller: "+79161234567"
    lines: ["запишите на маникюр в пятницу в три", "да", "да"]
    expect: { outcome: "callback_requested", says: ["администратор перезвонит"] }
  - name: "без заявленной доступности"
    now: "2026-11-25T10:00:00+03:00"
    caller: "+79161234567"
    lines: ["запишите на маникюр в пятницу в три", "да", "да"]
    expect: { outcome: "booking_created" }
`;

describe('the demo salon (scenarios/salon-demo.yaml, booking: on)', () => {
  it('passes its own tests, which state the availability they assume', async () => {
    const parsed = parseBotConfigText(readFileSync(new URL('../../../scenarios/salon-demo.yaml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.config.booking).toMatchObject({ provider: 'builtin' });
    const results = await runConfigTests(parsed.config, NOW);
    for (const r of results) expect(r, `${r.name}: ${r.failures.join('; ')}`).toMatchObject({ passed: true });
  });
});

describe('config tests of a bot with booking:', () => {
  const text = readFileSync(new URL('../../../scenarios/salon-bot-1.yaml', import.meta.url), 'utf8').replace(/\ntests:\n[\s\S]*$/, BOOKING_TESTS);
  const parsed = parseBotConfigText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));

  it('state the availability they assume: free, taken with alternatives, a booking system that is down; the bot never goes silent', async () => {
    const [free, taken, down, unstated] = await runConfigTests(parsed.config, NOW);
    expect(free).toMatchObject({ passed: true, failures: [] });
    expect(taken).toMatchObject({ passed: true, failures: [] });
    expect(down).toMatchObject({ passed: true, failures: [] });
    for (const r of [free, taken, down]) expect(r!.transcript.filter((l) => l.role === 'bot').every((l) => l.text.length > 0)).toBe(true);
    // Without stated availability and without a booking system nothing is booked: the test says so honestly.
    expect(unstated).toMatchObject({ passed: false, outcome: 'callback_requested', failures: ['outcome: expected "booking_created", got "callback_requested"'] });
  });

  it('a host can lend its booking system to tests that state none', async () => {
    const results = await runConfigTests(parsed.config, NOW, () => ({
      availability: async (q) => ({ status: 'ok', service: q.service, date: q.date, free: [{ date: q.date, time: '15:00', staffId: 's', staffName: 'Ольга' }], requested: q.time === '15:00' ? { date: q.date, time: '15:00', staffId: 's', staffName: 'Ольга' } : null, alternatives: [], nextDates: [] }),
      booking: async (op) => (op.op === 'create' ? { status: 'booked', booking: { id: 'b-1', service: op.service, date: op.date, time: op.time, staffName: 'Ольга', phone: op.phone ?? null, status: 'confirmed' } } : null),
    }));
    expect(results[3]).toMatchObject({ passed: true, outcome: 'booking_created', fields: { booking_id: 'b-1' } });
  });
});
