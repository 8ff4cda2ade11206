import { AudioStream, RoomEvent, TrackKind, type RemoteParticipant, type RemoteTrack, type Room } from '@livekit/rtc-node';
import { AmdListener, type AmdVerdict } from '../../../core/amd/index.ts';

export interface ScreenOptions {
  sampleRate: number;
  /** No verdict by then (audio time): a person, the bot greets. */
  giveUpMs?: number;
  /** Recognized words of the callee as they come (the session's transcripts): register a listener, get an unsubscribe. */
  words?: (onText: (text: string) => void) => () => void;
}

/**
 * Listens to an answered outbound call's first seconds (core/amd): null for a person (at once), or the machine's
 * verdict when its message may start (after the beep, or once the greeting fell silent).
 */
export async function screenAnswer(frames: AsyncIterable<Int16Array>, opts: ScreenOptions): Promise<AmdVerdict | null> {
  const amd = new AmdListener(opts.sampleRate);
  let heard = '';
  const stop = opts.words?.((text) => {
    heard = `${heard} ${text}`.trim();
    amd.pushWords(heard);
  });
  try {
    for await (const frame of frames) {
      const s = amd.pushAudio(frame);
      if (s.verdict?.kind === 'person') return null;
      if (s.verdict && s.messageAtMs !== null && amd.elapsedMs >= s.messageAtMs) return s.verdict;
      if (!s.verdict && amd.elapsedMs >= (opts.giveUpMs ?? 6000)) return null;
    }
    const v = amd.state.verdict;
    return v && v.kind !== 'person' ? v : null;
  } finally {
    stop?.();
  }
}

/** The participant's audio at `sampleRate` (mono PCM frames), from the moment its track is subscribed. */
export async function* participantAudio(room: Room, participant: RemoteParticipant, sampleRate: number): AsyncGenerator<Int16Array> {
  const track = await new Promise<RemoteTrack>((resolve) => {
    const existing = [...participant.trackPublications.values()].find((p) => p.kind === TrackKind.KIND_AUDIO && p.track)?.track;
    if (existing) return resolve(existing as RemoteTrack);
    const onTrack = (t: RemoteTrack, _pub: unknown, p: RemoteParticipant) => {
      if (p.identity !== participant.identity || t.kind !== TrackKind.KIND_AUDIO) return;
      room.off(RoomEvent.TrackSubscribed, onTrack);
      resolve(t);
    };
    room.on(RoomEvent.TrackSubscribed, onTrack);
  });
  const stream = new AudioStream(track, { sampleRate, numChannels: 1 });
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value.data;
    }
  } finally {
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}
