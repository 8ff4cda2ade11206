import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CallResultSchema } from '../../core/call-result.ts';
import { startApiStub } from '../support/servers/api-stub.ts';
import { runSimulatorInProcess, simulatedCall } from '../support/run-simulator.ts';
import { FakeBookingHost, bookingSalon } from '../core/engine/booking-host.ts';
import { answerBookingRoute } from './booking/booking-api-server.ts';

const stubs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const NOW = ['--now', '2026-11-25T10:00:00+03:00'];
const CALL = ['ну здравствуйте запишите меня на маникюр в субботу в три', 'восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь', 'да', 'нет спасибо'].join('\n');
const ENV = { AGENT_HOST_TOKEN: 'test-agent-token' };

/** The salon with `booking:` as a config file, and the API holding the same bot; `host` answers its booking routes. */
async function bookingApi(host: FakeBookingHost | null) {
  const config = bookingSalon();
  const file = join(mkdtempSync(join(tmpdir(), 'sim-booking-')), 'salon.yaml');
  writeFileSync(file, stringify({ ...config, tests: undefined }));
  const stub = await startApiStub(host ? { booking: (req, res, url, body) => answerBookingRoute(host, req, res, url, body) } : {});
  stubs.push(stub);
  stub.state.bots.set('bot_salon7', { id: 'bot_salon7', slug: config.bot_id, company_id: 'cmp_1', config_version: 2, config });
  return { stub, file };
}

describe('simulator and bookings: reported only when the booking system confirmed them', () => {
  it('--post books in the bot\'s booking system and posts booking_created with the booking id', async () => {
    const host = new FakeBookingHost();
    const { stub, file } = await bookingApi(host);
    const { code, stdout, stderr } = await runSimulatorInProcess(['--scenario', file, ...NOW, '--post', stub.url], CALL, ENV);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('Готово, вы записаны');
    expect(host.bookings).toEqual([expect.objectContaining({ date: '2026-11-28', time: '15:00', status: 'confirmed' })]);
    const posted = CallResultSchema.parse(stub.state.calls[0]);
    expect(posted).toMatchObject({ outcome: 'booking_created', fields: { booking_id: host.bookings[0]!.id } });
  });

  it('--post with the booking system down: the caller hears a callback promise and the result says so', async () => {
    const { stub, file } = await bookingApi(null);
    const { code, stdout } = await runSimulatorInProcess(['--scenario', file, ...NOW, '--post', stub.url], CALL, ENV);
    expect(code).toBe(0);
    expect(stdout).toContain('администратор перезвонит');
    expect(stdout).not.toContain('вы записаны');
    expect(stdout).toContain('outcome: callback_requested');
    expect(CallResultSchema.parse(stub.state.calls[0])).toMatchObject({ outcome: 'callback_requested', fields: { callback_reason: expect.any(String) } });
  });

  it('offline (no --post) a config with booking: has no booking system, so it books nothing', async () => {
    const { file } = await bookingApi(null);
    const { code, stdout } = await runSimulatorInProcess(['--scenario', file, ...NOW, '--json'], CALL);
    expect(code).toBe(0);
    const result = simulatedCall(stdout);
    expect(result.outcome).toBe('callback_requested');
    expect(result.turns.some((t) => t.text.includes('вы записаны'))).toBe(false);
  });
});
