import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CallResultSchema } from '../../core/call-result.ts';
import { ApiClient } from '../../agent-host/src/api-client.ts';
import { ResultSink } from '../../agent-host/src/result-sink.ts';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the result spool keeps callers’ data private', () => {
  it('writes spooled results readable by the agent-host user only (0600, directory 0700)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'spool-mode-'));
    const spoolDir = join(dir, 'spool');
    // Port 9 (discard) on loopback: the API is "down", so the result goes to the spool.
    const sink = new ResultSink({ client: new ApiClient({ baseUrl: 'http://127.0.0.1:9', token: 't', timeoutMs: 200 }), spoolDir, sleep: async () => {} });
    const result = CallResultSchema.parse({
      call_id: 'call-private-01',
      bot_id: 'bot_01',
      started_at: '2026-11-20T10:00:00+03:00',
      ended_at: '2026-11-20T10:00:40+03:00',
      caller_number: '+79161234567',
      turns: [{ role: 'caller', text: 'ну здравствуйте меня зовут анна запишите на маникюр', at: '2026-11-20T10:00:05+03:00' }],
      outcome: null,
      ended_by: 'caller',
    });
    expect(await sink.submit(result)).toBe('spooled');
    expect(await readdir(spoolDir)).toEqual(['call-private-01.json']);
    expect((await stat(join(spoolDir, 'call-private-01.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(spoolDir)).mode & 0o777).toBe(0o700);
  });
});
