import type { BotConfig } from '../config/bot-config.ts';

/**
 * Notices the caller must hear in full — the recording notice (bots that record) and the config's `legal_notice` —
 * in the order they open the call. Hosts play them without barge-in; the rest of the greeting can be interrupted.
 */
export function callNotices(config: Pick<BotConfig, 'recording' | 'legal_notice'>): string[] {
  return [config.recording?.enabled ? config.recording.phrase : null, config.legal_notice ?? null].filter((n): n is string => !!n);
}

/** The greeting with the legal notice in front (the recording notice is put there by the host that records). */
export const greetingWithNotice = (config: Pick<BotConfig, 'greeting' | 'legal_notice'>): string =>
  config.legal_notice ? `${config.legal_notice} ${config.greeting}` : config.greeting;

/**
 * Splits an opening line into the notices it starts with (any order) and the rest.
 * @example splitNotices(['Разговор записывается.'], 'Разговор записывается. Здравствуйте!') // { notice: 'Разговор записывается.', rest: 'Здравствуйте!' }
 */
export function splitNotices(notices: readonly string[], text: string): { notice: string | null; rest: string } {
  let rest = text.trimStart();
  const said: string[] = [];
  for (let found = true; found; ) {
    found = false;
    for (const n of notices) {
      if (!said.includes(n) && rest.startsWith(n)) {
        said.push(n);
        rest = rest.slice(n.length).trimStart();
        found = true;
      }
    }
  }
  return { notice: said.length ? said.join(' ') : null, rest };
}
