import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNow, runSimulation, type SimulatedTurn } from '../../agent-host/src/simulator.ts';
import { loadConfig, NOW } from '../core/engine/harness.ts';
import { runSimulatorCli, runSimulatorInProcess, simulatedCall } from '../support/run-simulator.ts';

/** The CLI entry in-process: no tsx start-up per call, so no timeout a loaded machine could miss. */
const simulate = (args: string[], input: string) => runSimulatorInProcess(args, input);

/** A bot config with a field type the engine does not know. */
const BROKEN_CONFIG = `bot_id: "broken-bot"
voice_id: "russian-female-1"
greeting: "Здравствуйте!"
scenarios:
  - name: "booking"
    trigger_keywords: ["записаться"]
    collect_fields:
      - { name: "date", prompt: "На какой день?", type: "datetime" }
fallback: "Извините, не поняла."
`;

const NOW_ARG = ['--now', '2026-11-25T10:00:00+03:00'];

describe('simulator CLI', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await simulate(['--help'], '');
    expect(code).toBe(0);
    expect(stdout).toContain('usage: simulate --scenario <file.yaml>');
    expect(stdout).toContain('duration_ms');
  });

  it('--json gives the call length in duration_ms and no transfer target when nobody was transferred', async () => {
    const { stdout } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', ...NOW_ARG, '--json'], 'эээ здравствуйте а вы до скольки работаете\nспасибо до свидания\n');
    const call = simulatedCall(stdout);
    expect(call.duration_ms).toBe(Date.parse(call.ended_at) - Date.parse(call.started_at));
    expect(call.duration_ms).toBeGreaterThan(0);
    expect(call.transfer_to).toBeNull();
  });

  it('--json prints only the CallResult of a full booking', async () => {
    const input = ['Запишите меня на маникюр в пятницу в 11 утра', '8 916 123-45-67', 'да', 'нет, спасибо', ''].join('\n');
    const { code, stdout } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', ...NOW_ARG, '--json'], input);
    expect(code).toBe(0);
    const result = simulatedCall(stdout);
    expect(result).toMatchObject({
      outcome: 'booking_created',
      ended_by: 'bot',
      channel: 'simulator',
      fields: { service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' },
    });
    expect(result.turns[0]).toMatchObject({ role: 'bot', text: expect.stringContaining('Элегант') });
    expect(result.turns.filter((t) => t.role === 'caller')).toHaveLength(4);
  });

  it('EOF mid-call is a hang-up by the caller; <silence> lines reprompt', async () => {
    const input = 'Хочу записаться на стрижку\n<silence>\nзавтра\n';
    const { code, stdout } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', ...NOW_ARG, '--json'], input);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { ended_by: string; outcome: null; fields: object; turns: { text: string }[] };
    expect(result).toMatchObject({ ended_by: 'caller', outcome: null, fields: { service: 'стрижка', date: '2026-11-26' } });
    expect(result.turns.some((t) => t.text.startsWith('Вы меня слышите?'))).toBe(true);
  });

  it('prints the dialog without --json', async () => {
    const { code, stdout } = await simulate(['--scenario', 'scenarios/dental-clinic.yaml', ...NOW_ARG], 'Интересует имплантация\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Бот: Здравствуйте! Стоматология «Улыбка»');
    expect(stdout).toContain('Клиент: Интересует имплантация');
    expect(stdout).toContain('Бот: Сколько зубов нужно восстановить?');
  });

  it('exits with 2 and names the problem on bad arguments or a bad config', async () => {
    const missing = await simulate(['--json'], '');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--scenario');
    const absent = await simulate(['--scenario', 'scenarios/nope.yaml'], '');
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('scenarios/nope.yaml');
    const badNow = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', '--now', 'завтра'], '');
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now');
    const broken = join(mkdtempSync(join(tmpdir(), 'sim-')), 'broken-bot.yaml');
    writeFileSync(broken, BROKEN_CONFIG);
    const invalid = await simulate(['--scenario', broken], '');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(broken);
    expect(invalid.stderr).toContain('scenarios.0.collect_fields.0.type');
  });
});

describe('simulator command', () => {
  // One real start of the command as a user types it; the start-up of tsx on a busy 2-core machine is slow.
  it('runs as `tsx agent-host/src/simulator.ts` and prints the CallResult', async () => {
    const { code, stdout } = await runSimulatorCli(['--scenario', 'scenarios/dental-clinic.yaml', ...NOW_ARG, '--json'], 'ну здравствуйте\n');
    expect(code).toBe(0);
    expect(simulatedCall(stdout)).toMatchObject({ channel: 'simulator', ended_by: 'caller' });
  }, 180_000);
});

describe('runSimulation', () => {
  it('reports turns as they happen and returns the CallResult', async () => {
    const seen: SimulatedTurn[] = [];
    const result = await runSimulation({
      config: loadConfig('car-service'),
      lines: ['Перезвоните мне, пожалуйста', 'Олег', '8 917 000 11 22', 'да', 'спасибо, до свидания', 'это уже не слышно'],
      now: NOW,
      onTurn: (t) => seen.push(t),
      callId: 'sim-test-0001',
    });
    expect(result).toMatchObject({ call_id: 'sim-test-0001', outcome: 'callback_requested', ended_by: 'caller' });
    expect(result.fields).toEqual({ name: 'Олег', phone: '+79170001122' });
    expect(seen.map((t) => t.role).join(' ')).toBe('bot caller bot caller bot caller bot caller bot caller bot');
  });

  it('reads --now without an offset in the bot timezone', () => {
    expect(parseNow('2026-11-25T10:00', 'Europe/Moscow').toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(parseNow('2026-11-25T10:00:00+03:00', 'Asia/Vladivostok').toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });
});
