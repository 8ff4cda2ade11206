import { RoomServiceClient } from 'livekit-server-sdk';

/** Where and whom to hang up. */
export interface HangupTarget {
  roomName: string;
  /** The SIP caller's identity: removed first so the trunk gets a clean BYE. */
  sipIdentity?: string | undefined;
}

/** LiveKit server credentials (the worker's own). */
export interface LiveKitCredentials {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** `wss://x.livekit.cloud` → `https://x.livekit.cloud` (the server API speaks HTTP). */
export function httpUrlOf(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://');
}

/**
 * End a call from the bot's side: remove the SIP participant (the phone line hangs up), then
 * delete the room so nothing lingers. Errors are swallowed — the caller may already be gone.
 */
export function createHangup(creds: LiveKitCredentials): (target: HangupTarget) => Promise<void> {
  const rooms = new RoomServiceClient(httpUrlOf(creds.url), creds.apiKey, creds.apiSecret);
  return async ({ roomName, sipIdentity }) => {
    if (sipIdentity) await rooms.removeParticipant(roomName, sipIdentity).catch(() => undefined);
    await rooms.deleteRoom(roomName).catch(() => undefined);
  };
}
