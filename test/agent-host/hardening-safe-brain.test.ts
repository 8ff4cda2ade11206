import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BotConfig } from '../../core/config/bot-config.ts';
import { RealtimeAgent } from '../../agent-host/src/realtime-agent.ts';
import { scenario, startTextCall } from './pipeline/harness.ts';

const salon = scenario('salon-bot-1');
// What a config stored before the edge checked time zones holds: the engine throws RangeError on it.
const onMars = { ...salon, timezone: 'Mars/Phobos' } as BotConfig;
const sessions: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describe('the call survives an engine that throws', () => {
  it('apologises, then offers a call back and ends the call with the error recorded', async () => {
    const call = await startTextCall(onMars);
    sessions.push(call.session);
    const first = await call.say('здравствуйте хочу записаться на маникюр в пятницу');
    expect(first.text).toMatch(/^Извините, у меня небольшая заминка/);
    const second = await call.say('ну на маникюр говорю в пятницу');
    expect(second.text).toMatch(/технический сбой.*перезвонит вам на этот номер/);
    await vi.waitFor(() => expect(call.posted).toHaveLength(1));
    const result = call.posted[0]!;
    expect(result).toMatchObject({ ended_by: 'error', outcome: 'callback_requested', bot_id: 'bot_01' });
    expect(result.errors!.filter((e) => e.stage === 'respond')).toHaveLength(2);
    expect(result.errors!.every((e) => e.error === 'RangeError: Invalid time zone specified: Mars/Phobos')).toBe(true);
    expect(call.hungUp()).toBe(1);
  });

  it('keeps a call going when one turn of the brain fails', async () => {
    let failOnce = true;
    const call = await startTextCall(salon, {
      createBrain: (opts) => {
        const brain = new RealtimeAgent({ ...opts, clock: () => new Date('2026-11-23T10:00:00+03:00') });
        const respond = brain.respond.bind(brain);
        brain.respond = async (text, o) => {
          if (failOnce) {
            failOnce = false;
            throw new TypeError("Cannot read properties of undefined (reading 'slots')");
          }
          return respond(text, o);
        };
        return brain;
      },
    });
    sessions.push(call.session);
    expect((await call.say('эээ здравствуйте')).text).toMatch(/^Извините, у меня небольшая заминка/);
    expect((await call.say('хочу записаться на маникюр')).text).toBe('На какой день?');
    const result = await call.controller.endCall('caller');
    expect(result.ended_by).toBe('caller');
    expect(result.errors).toEqual([{ stage: 'respond', error: "TypeError: Cannot read properties of undefined (reading 'slots')" }]);
  });
});
