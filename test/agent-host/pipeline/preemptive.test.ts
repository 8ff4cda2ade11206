import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../../agent-host/src/api-client.ts';
import { startApiStub } from '../../support/servers/api-stub.ts';
import { scenario, startTextCall } from './harness.ts';

/*
 * Preemptive generation runs llmNode before the turn is confirmed and may throw the result away.
 * The brain is stateful, so it must only ever see confirmed turns; a preemptive guess may only
 * prefetch the knowledge search. Driven through agents-js's own (internal) preemptive entry point.
 */
interface PreemptiveActivity {
  onPreemptiveGeneration(info: { newTranscript: string; transcriptConfidence: number; startedSpeakingAt?: number }): void;
  cancelPreemptiveGeneration(): void;
}

const salon = scenario('salon-bot-1');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

describe('preemptive generation', () => {
  it('prefetches the knowledge search for an unconfirmed transcript but keeps it away from the brain', async () => {
    const api = await startApiStub();
    api.state.knowledge.set('bot_01', [{ chunk_id: 'c1', doc_id: 'd1', text: 'Педикюр стоит 2000 рублей.' }]);
    closers.push(api.close);
    const call = await startTextCall(salon, { api: new ApiClient({ baseUrl: api.url, token: 'test-agent-token' }) });
    closers.push(() => call.session.close());
    const activity = (call.session as unknown as { _activity: PreemptiveActivity })._activity;

    activity.onPreemptiveGeneration({ newTranscript: 'Сколько стоит педикюр?', transcriptConfidence: 0.9, startedSpeakingAt: Date.now() });
    await vi.waitFor(() => expect(api.state.searches).toHaveLength(1));
    activity.cancelPreemptiveGeneration();

    const r = await call.say('Хочу записаться на педикюр');
    expect(r.text).toBe('На какой день?');
    const result = await call.controller.endCall('caller');
    expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text)).toEqual(['Хочу записаться на педикюр']);
  });
});
