import { EventEmitter } from 'node:events';
import { voice } from '@livekit/agents';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TurnWatchdog } from '../../../agent-host/src/turn-watchdog.ts';

/** The slice of an AgentSession the watchdog listens to: its events, the caller's state and the manual commit. */
class SessionLine extends EventEmitter {
  userState: voice.UserState = 'listening';
  commits = 0;
  commitUserTurn(): void {
    this.commits += 1;
  }
  final(text: string): void {
    this.emit(voice.AgentSessionEventTypes.UserInputTranscribed, { transcript: text, isFinal: true });
  }
  userTurn(text: string): void {
    this.emit(voice.AgentSessionEventTypes.ConversationItemAdded, { item: { type: 'message', role: 'user', textContent: text } });
  }
  state(s: voice.UserState): void {
    this.userState = s;
    this.emit(voice.AgentSessionEventTypes.UserStateChanged, { newState: s });
  }
}

function watched() {
  const session = new SessionLine();
  const dog = new TurnWatchdog({ graceMs: 4000 });
  const rescued: string[] = [];
  dog.onRescue = (t) => rescued.push(t);
  dog.attach(session as unknown as voice.AgentSession);
  return { session, dog, rescued };
}

describe('committed-turn watchdog', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('commits a final transcript the session left hanging, once', () => {
    const { session, dog, rescued } = watched();
    session.final('да');
    vi.advanceTimersByTime(3900);
    expect(session.commits).toBe(0);
    vi.advanceTimersByTime(200);
    expect(session.commits).toBe(1);
    expect(rescued).toEqual(['да']);
    expect(dog.rescues).toBe(1);
    vi.advanceTimersByTime(20_000);
    expect(session.commits).toBe(1);
  });

  it('leaves alone a turn the session committed, and one the agent took without a reply', () => {
    const { session, dog } = watched();
    session.final('хочу записаться на маникюр');
    vi.advanceTimersByTime(500);
    session.userTurn('хочу записаться на маникюр');
    vi.advanceTimersByTime(10_000);
    session.final('угу');
    vi.advanceTimersByTime(300);
    dog.committed(); // a backchannel never becomes a chat message: the voice agent reports it
    vi.advanceTimersByTime(10_000);
    expect(session.commits).toBe(0);
    expect(dog.rescues).toBe(0);
  });

  it('waits while the caller is still speaking, and counts the grace from their last words', () => {
    const { session } = watched();
    session.final('восемь девятьсот');
    session.state('speaking');
    vi.advanceTimersByTime(10_000);
    expect(session.commits).toBe(0);
    session.final('восемь девятьсот шестнадцать');
    session.state('listening');
    vi.advanceTimersByTime(3900);
    expect(session.commits).toBe(0);
    vi.advanceTimersByTime(200);
    expect(session.commits).toBe(1);
  });
});
