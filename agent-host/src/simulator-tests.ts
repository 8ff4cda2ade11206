import type { BotConfig } from '../../core/config/bot-config.ts';
import { runConfigTests } from '../../core/engine/index.ts';

/**
 * `simulate --test scenarios/x.yaml`: plays every conversation of the config's `tests:` list through the engine and
 * prints each result (the transcript of a failed one). Returns the exit code: 0 all passed, 1 some failed, 2 none.
 */
export async function runConfigTestsCli(config: BotConfig, now: Date, json: boolean, out: (text: string) => void): Promise<number> {
  const results = await runConfigTests(config, now);
  if (json) out(`${JSON.stringify({ bot_id: config.bot_id, passed: results.every((r) => r.passed), results }, null, 2)}\n`);
  else {
    if (!results.length) out(`${config.bot_id}: в конфиге нет тестов (tests:)\n`);
    for (const r of results) {
      out(`${r.passed ? '✓' : '✗'} ${r.name}\n`);
      if (r.passed) continue;
      for (const f of r.failures) out(`    ${f}\n`);
      for (const l of r.transcript) out(`      ${l.role === 'bot' ? 'Бот' : 'Клиент'}: ${l.text}\n`);
    }
    const failed = results.filter((r) => !r.passed).length;
    if (results.length) out(`${results.length - failed} из ${results.length} тестов прошли\n`);
  }
  if (!results.length) return 2;
  return results.every((r) => r.passed) ? 0 : 1;
}
