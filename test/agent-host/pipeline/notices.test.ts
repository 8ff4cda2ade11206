import { voice } from '@livekit/agents';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { splitNotices } from '../../../core/engine/index.ts';
import { withRecordingNotice } from '../../../agent-host/src/recording/index.ts';
import { scenario, startTextCall } from './harness.ts';

const sessions: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

const LEGAL = 'Продолжая разговор, вы соглашаетесь на обработку персональных данных.';

describe('notices callers cannot talk over', () => {
  it('the recording notice and legal_notice are said without barge-in, the greeting after them with it', async () => {
    const salon = scenario('salon-bot-1');
    const config = withRecordingNotice({ ...salon, legal_notice: LEGAL, recording: { enabled: true, phrase: 'Разговор записывается.' } });
    const say = vi.spyOn(voice.AgentSession.prototype, 'say');
    const call = await startTextCall(config);
    sessions.push(call.session);

    expect(say.mock.calls.map(([text, opts]) => [text, opts?.allowInterruptions ?? true])).toEqual([
      [`${LEGAL} Разговор записывается.`, false],
      [salon.greeting, true],
    ]);
    const spoken = call.session.history.items.flatMap((i) => (i.type === 'message' && i.role === 'assistant' ? [i.textContent] : []));
    expect(spoken).toEqual([`${LEGAL} Разговор записывается.`, salon.greeting]);
    // The transcript the business gets keeps the whole opening line.
    expect((await call.controller.endCall('caller')).turns[0]!.text).toBe(`${LEGAL} Разговор записывается. ${salon.greeting}`);
  });

  it('a greeting without notices is one interruptible speech; notices are only taken from the start', () => {
    expect(splitNotices([LEGAL], 'Здравствуйте! Салон красоты Элегант.')).toEqual({ notice: null, rest: 'Здравствуйте! Салон красоты Элегант.' });
    expect(splitNotices([LEGAL], `Здравствуйте! ${LEGAL}`).notice).toBeNull();
  });
});
