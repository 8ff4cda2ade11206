import type { CallResult, EndedBy, ReplySource, TurnMetrics } from '../../core/call-result.ts';

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

export interface CallBrain {
  onCallStart(callInfo: CallInfoLike): Promise<string>;
  respond(text: string): Promise<BrainReply | BrainStreamingReply>;
  onSilence(): Promise<BrainReply>;
  recordMetrics(m: Omit<TurnMetrics, 'turn'>): void;
  readonly ended: boolean;
  onCallEnd(endedBy?: EndedBy): Promise<CallResult>;
}

/** True for a streamed reply. */
export function isStreamingReply(r: BrainReply | BrainStreamingReply): r is BrainStreamingReply {
  return 'stream' in r;
}
