import { describe, it } from 'vitest';
import { bargeInCall, bookingCall } from './calls.ts';
import { audioTools } from './support.ts';

const CALL_MS = 180_000;

describe.skipIf(!audioTools)('audio calls on a telephone line: 8 kHz G.711 μ-law both ways (needs espeak-ng and sox)', () => {
  it('books by voice: chunked phone in one turn, backchannels do not stop the bot', () => bookingCall(true), CALL_MS);
  it('a barge-in stops the bot and is taken; real silence gets a reprompt', () => bargeInCall(true), CALL_MS);
});
