import type { AudioFrame } from '@livekit/rtc-node';

/** Audio for STT: LiveKit frames, or raw PCM16LE mono chunks at the provider's input sample rate. */
export type AudioChunk = Uint8Array | AudioFrame;

/**
 * Speech-to-text, the seed interface. `transcribeStream` yields FINAL transcripts only (one string per
 * finalized phrase, in order); interim hypotheses stay inside the LiveKit pipeline.
 */
export interface STTProvider {
  readonly name: string;
  transcribeStream(audio: AsyncIterable<AudioChunk>): AsyncIterable<string>;
}

/** Text-to-speech, the seed interface. Audio is PCM16LE mono at `sampleRate`. */
export interface TTSProvider {
  readonly name: string;
  readonly sampleRate: number;
  synthesize(text: string, voiceId?: string): Promise<Uint8Array>;
  synthesizeStream(text: string, voiceId?: string): AsyncIterable<Uint8Array>;
}

/** Telephony, the seed interface: bring a phone call into a LiveKit room, and end it. */
export interface TelephonyProvider {
  readonly name: string;
  connectToLivekit(callId: string, room: string): Promise<void>;
  hangup(callId: string): Promise<void>;
}
