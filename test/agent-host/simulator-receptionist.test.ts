import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioText } from '../support/scenario-text.ts';
import { runSimulatorInProcess as simulate, simulatedCall } from '../support/run-simulator.ts';

const NOW_ARG = ['--now', '2026-11-25T10:00:00+03:00'];

describe('simulator: caller ID, handoff and config tests', () => {
  it('--caller offers the caller\'s own number and books on it', async () => {
    const input = ['запишите на маникюр в пятницу в одиннадцать', 'да', 'да', 'нет спасибо', ''].join('\n');
    const { code, stdout } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', ...NOW_ARG, '--caller', '+79031112233', '--json'], input);
    expect(code).toBe(0);
    const result = simulatedCall(stdout);
    expect(result).toMatchObject({ caller_number: '+79031112233', outcome: 'booking_created', fields: { phone: '+79031112233' } });
    expect(result.turns[2]).toMatchObject({ role: 'bot', text: 'Записать на номер, с которого вы звоните, +7 903 111-22-33?' });
  });

  it('a request for the administrator ends the call by transfer', async () => {
    const { stdout } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', ...NOW_ARG, '--json'], 'соедините с администратором\n');
    expect(simulatedCall(stdout)).toMatchObject({ ended_by: 'transfer', outcome: 'transferred', transfer_to: '+74951234567', duration_ms: expect.any(Number) });
  });

  it('--test runs the bundled tests of a config and exits 0', async () => {
    const { code, stdout } = await simulate(['--test', 'scenarios/dental-clinic.yaml'], '');
    expect(code).toBe(0);
    expect(stdout).toContain('✓ запись к хирургу на завтра');
    expect(stdout).toContain('2 из 2 тестов прошли');
  });

  it('--test names a failing test with what differed and the conversation, and exits 1', async () => {
    const broken = scenarioText('car-service.yaml').replace('fields: { car: "киа рио", service: "ТО"', 'fields: { car: "киа рио", service: "шиномонтаж"');
    const file = join(mkdtempSync(join(tmpdir(), 'sim-test-')), 'car.yaml');
    writeFileSync(file, broken);
    const { code, stdout } = await simulate(['--test', file, '--json'], '');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { passed: boolean; results: { name: string; passed: boolean; failures: string[] }[] };
    expect(report.passed).toBe(false);
    expect(report.results[0]).toMatchObject({ name: 'замена масла в субботу', passed: false, failures: ['field "service": expected "шиномонтаж", got "ТО"'] });
    expect(report.results[1]!.passed).toBe(true);
  });
});
