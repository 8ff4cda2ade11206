import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CallResultSchema } from '../../core/call-result.ts';
import { startApiStub } from '../support/servers/api-stub.ts';
import { loadConfig } from '../core/engine/harness.ts';
import { ROOT as root, runSimulatorCli } from '../support/run-simulator.ts';

const stubs: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

const simulate = (args: string[], input: string, env: Record<string, string>, cwd = root) => runSimulatorCli(args, input, { env, cwd });

async function salonApi() {
  const config = loadConfig('salon-bot-1');
  const stub = await startApiStub();
  stubs.push(stub);
  stub.state.bots.set('bot_salon42', { id: 'bot_salon42', slug: 'salon-bot-1', company_id: 'cmp_1', config_version: 3, config });
  stub.state.knowledge.set('bot_salon42', [
    { chunk_id: 'c1', doc_id: 'd1', text: 'Маникюр классический стоит 1200 рублей. Покрытие гель-лаком — плюс 800 рублей.', source: 'prices.csv' },
    { chunk_id: 'c2', doc_id: 'd1', text: 'Мы работаем ежедневно с 9 до 21 часа.', source: 'faq.txt' },
  ]);
  return stub;
}

// The command runs as a user starts it (tsx, a real process and its spool folder); a busy 2-core machine may need
// most of a minute to start tsx, so the tests allow that instead of racing a clock.
describe('simulator --post', { timeout: 180_000 }, () => {
  it('answers a question from the bot knowledge and posts the CallResult under the API bot id', async () => {
    const stub = await salonApi();
    const input = ['Сколько стоит маникюр?', 'Хочу записаться на маникюр в пятницу в 11 утра', '8 916 123-45-67', 'да', 'нет, спасибо'].join('\n');
    const { code, stdout, stderr } = await simulate(
      ['--scenario', 'scenarios/salon-bot-1.yaml', '--now', '2026-11-25T10:00:00+03:00', '--post', stub.url],
      input,
      { AGENT_HOST_TOKEN: 'test-agent-token' },
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('1200 рублей');
    expect(stdout).toContain('отправлен в API');
    expect(stub.state.searches[0]).toMatchObject({ botId: 'bot_salon42', auth: 'Bearer test-agent-token' });
    expect(stub.state.calls).toHaveLength(1);
    const posted = CallResultSchema.parse(stub.state.calls[0]);
    expect(posted).toMatchObject({ bot_id: 'bot_salon42', outcome: 'booking_created', channel: 'simulator' });
    expect(posted.fields).toMatchObject({ service: 'маникюр', date: '2026-11-27', time: '11:00', phone: '+79161234567' });
    expect(posted.turns.find((t) => t.source === 'knowledge')?.text).toContain('1200');
  });

  it('refuses to post without the service token, naming the variable', async () => {
    const stub = await salonApi();
    const { code, stderr } = await simulate(['--scenario', 'scenarios/salon-bot-1.yaml', '--post', stub.url], 'алло\n', { AGENT_HOST_TOKEN: '' });
    expect(code).toBe(2);
    expect(stderr).toContain('AGENT_HOST_TOKEN');
    expect(stub.state.calls).toEqual([]);
  });

  it('keeps the call on disk when the API refuses it for good, and says so', async () => {
    const stub = await salonApi();
    stub.state.callFailures = 10;
    stub.state.callFailureStatus = 503;
    const cwd = mkdtempSync(join(tmpdir(), 'sim-spool-'));
    const { code, stdout } = await simulate(
      ['--scenario', join(root, 'scenarios/salon-bot-1.yaml'), '--post', stub.url],
      'спасибо, до свидания\n',
      { AGENT_HOST_TOKEN: 'test-agent-token' },
      cwd,
    );
    expect(code).toBe(1);
    expect(stdout).toContain('.spool');
    const spooled = readdirSync(join(cwd, '.spool')).filter((f) => f.endsWith('.json'));
    expect(spooled).toHaveLength(1);
  });
});
