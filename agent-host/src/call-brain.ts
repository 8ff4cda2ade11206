import type { CallResult, EndedBy, ReplySource, TurnMetrics } from '../../core/call-result.ts';
import type { DialogState } from '../../core/engine/types.ts';
import type { ReminderCall } from '../../core/engine/reminder-call.ts';

/**
 * The part of the `RealtimeAgent` brain (realtime-agent.ts) the LiveKit pipeline drives, as a
 * structural type so the pipeline can be tested with the real brain or a scripted one.
 */
export interface CallInfoLike {
  callId: string;
  callerNumber?: string | null;
  calledNumber?: string | null;
  direction?: 'inbound' | 'outbound';
  channel?: 'phone' | 'simulator' | 'web';
  /** The bot's API id, named in the CallResult. */
  botId?: string;
  /** A reminder call: the appointment it is about (dispatch metadata). */
  reminder?: ReminderCall;
}

/** A reply known in full at once. */
export interface BrainReply {
  text: string;
  source: ReplySource;
  endCall: boolean;
}

/** A reply streamed as it is generated (knowledge / LLM answers). */
export interface BrainStreamingReply {
  source: 'knowledge' | 'llm';
  stream: AsyncIterable<string>;
  endCall: false;
  done: Promise<string>;
}

/** A turn computed but not committed (see `RealtimeAgent.preview`). */
export interface BrainPreview {
  readonly text: string;
  readonly reply:
    | { kind: 'scripted'; text: string; source: ReplySource; endCall: boolean }
    | { kind: 'knowledge'; query: string }
    | { kind: 'none' };
}

/**
 * The brain as the voice agent sees it. `preview`/`speculate`/`discard` are optional: a brain
 * without them only ever sees confirmed turns (preemptive generations then just prefetch).
 */
export interface CallBrain {
  onCallStart(callInfo: CallInfoLike): Promise<string>;
  respond(text: string, opts?: { preview?: BrainPreview }): Promise<BrainReply | BrainStreamingReply>;
  /** The reply `text` would get on the current state, without committing anything. */
  preview?(text: string): BrainPreview;
  /** Start a knowledge preview's answer early; resolves to the text that will open the reply, or null. */
  speculate?(preview: BrainPreview): Promise<string | null>;
  /** Drop a preview that will not be committed (aborts its speculative answer). */
  discard?(preview: BrainPreview): void;
  onSilence(): Promise<BrainReply>;
  recordMetrics(m: Omit<TurnMetrics, 'turn'>): void;
  readonly ended: boolean;
  /** The engine's state (pending field, phase) for turn-taking decisions; absent on scripted brains. */
  readonly dialogState?: Readonly<Pick<DialogState, 'phase' | 'scenario' | 'pending'>> | null;
  /** Where the bot is handing the call to a person (its last reply ended with a transfer); null otherwise. */
  readonly transferTarget?: string | null;
  /** The host could not hand the call over (`reason` goes to the CallResult's errors): the call goes on; its reply. */
  onTransferFailed?(reason: string): Promise<BrainReply>;
  /** An answering machine or screening assistant answered (outbound calls): the reply to leave, ending the call. */
  onVoicemail?(verdict: { kind: string; reason: string }): Promise<BrainReply>;
  onCallEnd(endedBy?: EndedBy): Promise<CallResult>;
}

/** True for a streamed reply. */
export function isStreamingReply(r: BrainReply | BrainStreamingReply): r is BrainStreamingReply {
  return 'stream' in r;
}
