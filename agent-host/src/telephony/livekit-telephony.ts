import { ProviderError } from '../providers/errors.ts';
import type { TelephonyProvider } from '../providers/types.ts';
import type { LivekitSip, OutboundCall } from './livekit-sip.ts';

/** The part of {@link LivekitSip} a call needs. */
export type SipCallControl = Pick<LivekitSip, 'removeParticipant' | 'dialOut'>;

/**
 * Calls that reach LiveKit natively over SIP (LiveKit's own numbers, or a carrier trunk such as Exolve's
 * pointed at the LiveKit SIP URI). The dispatch rule has already put the caller into a room, so
 * `connectToLivekit(callId, room)` only records where the call lives; `callId` is the SIP participant's
 * identity in that room. `hangup` removes that participant, which sends BYE to the carrier.
 *
 * @example
 * const tel = new LivekitSipTelephony(sip);
 * await tel.connectToLivekit('sip_+79161234567', ctx.room.name);
 * await tel.hangup('sip_+79161234567');
 */
export class LivekitSipTelephony implements TelephonyProvider {
  readonly name: string;
  readonly #sip: SipCallControl;
  readonly #rooms = new Map<string, string>();

  constructor(sip: SipCallControl, name = 'livekit') {
    this.#sip = sip;
    this.name = name;
  }

  async connectToLivekit(callId: string, room: string): Promise<void> {
    if (!callId || !room) {
      throw new ProviderError('connectToLivekit needs the SIP participant identity and the room name', {
        provider: this.name,
        kind: 'telephony',
        retryable: false,
        fatal: false,
      });
    }
    this.#rooms.set(callId, room);
  }

  async hangup(callId: string): Promise<void> {
    const room = this.#rooms.get(callId);
    if (!room) {
      throw new ProviderError(`unknown call ${callId}: connectToLivekit was not called for it`, {
        provider: this.name,
        kind: 'telephony',
        retryable: false,
        fatal: false,
      });
    }
    await this.#sip.removeParticipant(room, callId);
    this.#rooms.delete(callId);
  }

  /** Place an outbound call through a LiveKit outbound trunk; the returned call is already connected for `hangup`. */
  async dial(opts: Parameters<SipCallControl['dialOut']>[0]): Promise<OutboundCall> {
    const call = await this.#sip.dialOut(opts);
    this.#rooms.set(call.participantIdentity, call.room);
    return call;
  }
}
