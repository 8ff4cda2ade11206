import { describe, expect, it } from 'vitest';
import { webhookBackoffSeconds } from '../../workers/postcall/process-call.ts';
import webhooksDoc from '../../docs/webhooks.md?raw';
import wranglerToml from '../../wrangler.toml?raw';

/** "30 s", "1 min", "2 h" in the docs → seconds. */
const seconds = (s: string) => {
  const [n, unit] = s.trim().split(/\s+/) as [string, string];
  return Number(n) * (unit === 'h' ? 3600 : unit === 'min' ? 60 : 1);
};

describe('docs/webhooks.md says what the code does', () => {
  it('the retry schedule and the number of attempts match webhookBackoffSeconds and wrangler.toml', () => {
    const docs = webhooksDoc.replace(/\s+/g, ' ');
    const toml = wranglerToml;
    const maxRetries = Number(/queue = "voicebot-postcall"[^[]*?max_retries = (\d+)/.exec(toml)![1]);
    const m = /exponential backoff: ((?:\d+ (?:s|min|h), )+)then every (\d+ (?:s|min|h)) \((\d+) attempts in total with the post-call queue's `max_retries = (\d+)`/.exec(docs);
    expect(m, 'the retry sentence of docs/webhooks.md').not.toBeNull();
    const listed = m![1]!.split(',').filter((x) => x.trim()).map(seconds);
    const cap = seconds(m![2]!);
    const schedule = Array.from({ length: maxRetries }, (_, i) => webhookBackoffSeconds(i + 1));
    expect(schedule.slice(0, listed.length)).toEqual(listed);
    expect(new Set(schedule.slice(listed.length))).toEqual(new Set([cap]));
    expect(Number(m![4])).toBe(maxRetries);
    expect(Number(m![3])).toBe(maxRetries + 1);
  });
});
