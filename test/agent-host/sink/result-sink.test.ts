import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallResultSchema, type CallResult } from '../../../core/call-result.ts';
import { ApiClient } from '../../../agent-host/src/api-client.ts';
import { ResultSink } from '../../../agent-host/src/result-sink.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';

function callResult(callId: string): CallResult {
  return CallResultSchema.parse({
    call_id: callId,
    bot_id: 'salon-bot-1',
    started_at: '2026-11-20T10:00:00+03:00',
    ended_at: '2026-11-20T10:01:10+03:00',
    caller_number: '+79161234567',
    turns: [
      { role: 'bot', text: 'Здравствуйте! Салон красоты Элегант. Чем могу помочь?', at: '2026-11-20T10:00:01+03:00', source: 'scripted' },
      { role: 'caller', text: 'Запишите меня на маникюр в пятницу в 11', at: '2026-11-20T10:00:06+03:00' },
    ],
    fields: { service: 'маникюр', date: '2026-11-27', time: '11:00' },
    outcome: 'booking_created',
    ended_by: 'caller',
  });
}

let dir: string;
const noSleep = async () => {};
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sink-'));
});
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const stub = await startApiStub();
  closers.push(stub.close);
  const client = new ApiClient({ baseUrl: stub.url, token: 'test-agent-token', timeoutMs: 500 });
  return { stub, sink: new ResultSink({ client, spoolDir: dir, sleep: noSleep }) };
}

describe('ResultSink', () => {
  it('posts the call result once with the service token', async () => {
    const { stub, sink } = await setup();
    expect(await sink.submit(callResult('call-ok-0001'))).toBe('sent');
    expect(stub.state.calls).toEqual([callResult('call-ok-0001')]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('retries through 503s and connection drops before succeeding', async () => {
    const { stub, sink } = await setup();
    stub.state.callFailures = 2;
    stub.state.callFailureStatus = 503;
    expect(await sink.submit(callResult('call-retry-01'))).toBe('sent');
    stub.state.callFailures = 1;
    stub.state.callFailureStatus = 0;
    expect(await sink.submit(callResult('call-retry-02'))).toBe('sent');
    expect(stub.state.calls).toHaveLength(2);
  });

  it('backs off between tries with growing delays', async () => {
    const stub = await startApiStub({ callFailures: 3 });
    closers.push(stub.close);
    const delays: number[] = [];
    const sink = new ResultSink({
      client: new ApiClient({ baseUrl: stub.url, token: 'test-agent-token' }),
      spoolDir: dir,
      baseDelayMs: 100,
      sleep: async (ms) => void delays.push(ms),
    });
    expect(await sink.submit(callResult('call-backoff-1'))).toBe('sent');
    expect(delays).toHaveLength(3);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(delays[2]!).toBeGreaterThan(delays[1]!);
  });

  it('spools to disk when the API stays down, and re-sends on the next start', async () => {
    const { stub, sink } = await setup();
    stub.state.callFailures = 100;
    expect(await sink.submit(callResult('call-spool-01'))).toBe('spooled');
    expect(await sink.submit(callResult('call-spool-02'))).toBe('spooled');
    expect((await readdir(dir)).sort()).toEqual(['call-spool-01.json', 'call-spool-02.json']);
    expect(stub.state.calls).toHaveLength(0);

    stub.state.callFailures = 0;
    const restarted = new ResultSink({ client: new ApiClient({ baseUrl: stub.url, token: 'test-agent-token' }), spoolDir: dir });
    expect(await restarted.resendSpooled()).toEqual({ sent: 2, kept: 0 });
    expect(stub.state.calls).toEqual([callResult('call-spool-01'), callResult('call-spool-02')]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('spools when the API host does not exist at all, and keeps the file while it is still down', async () => {
    const sink = new ResultSink({
      client: new ApiClient({ baseUrl: 'http://127.0.0.1:9', token: 't', timeoutMs: 300 }),
      spoolDir: dir,
      sleep: noSleep,
    });
    expect(await sink.submit(callResult('call-offline-1'))).toBe('spooled');
    expect(await sink.resendSpooled()).toEqual({ sent: 0, kept: 1 });
    expect(await readdir(dir)).toEqual(['call-offline-1.json']);
  });

  it('sets aside a result the API refuses (400) instead of retrying it forever', async () => {
    const { stub, sink } = await setup();
    stub.state.callFailures = 1;
    stub.state.callFailureStatus = 400;
    expect(await sink.submit(callResult('call-bad-0001'))).toBe('rejected');
    expect(await readdir(join(dir, 'rejected'))).toEqual(['call-bad-0001.json']);
    expect(await sink.resendSpooled()).toEqual({ sent: 0, kept: 0 });
  });
});
