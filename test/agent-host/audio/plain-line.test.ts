import { describe, it } from 'vitest';
import { bargeInCall, bookingCall } from './calls.ts';
import { audioTools } from './support.ts';

const CALL_MS = 180_000;

describe.skipIf(!audioTools)('audio calls on a plain line (needs espeak-ng and sox)', () => {
  it('books by voice: chunked phone in one turn, backchannels do not stop the bot', () => bookingCall(false), CALL_MS);
  it('a barge-in stops the bot and is taken; real silence gets a reprompt', () => bargeInCall(false), CALL_MS);
});
