// The browser voice test call (loaded only when started): joins the LiveKit room the Worker made for the bot's agent,
// publishes the microphone and plays what the agent says.
import { Room, RoomEvent, Track } from 'livekit-client';
import { api } from './api.ts';

export interface VoiceCall {
  room: string;
  hangUp(): Promise<void>;
}

/** Starts a call; `onState` hears 'connecting' → 'waiting' (for the agent) → 'talking' → 'ended'. */
export async function startVoiceCall(botId: string, onState: (s: 'connecting' | 'waiting' | 'talking' | 'ended', detail?: string) => void): Promise<VoiceCall> {
  onState('connecting');
  const { url, token, room: name } = await api<{ url: string; token: string; room: string }>('POST', `/bots/${botId}/web-call`);
  const room = new Room({ adaptiveStream: true, dynacast: true });
  const audio: HTMLMediaElement[] = [];
  room.on(RoomEvent.TrackSubscribed, (track) => {
    if (track.kind !== Track.Kind.Audio) return;
    const el = track.attach();
    el.setAttribute('aria-hidden', 'true');
    document.body.append(el);
    audio.push(el);
    onState('talking');
  });
  room.on(RoomEvent.ParticipantConnected, () => onState('talking'));
  room.on(RoomEvent.Disconnected, () => {
    for (const el of audio) el.remove();
    onState('ended');
  });
  await room.connect(url, token);
  await room.localParticipant.setMicrophoneEnabled(true);
  onState(room.remoteParticipants.size > 0 ? 'talking' : 'waiting');
  return { room: name, hangUp: () => room.disconnect() };
}
