import { ProviderError } from '../providers/errors.ts';
import type { TelephonyProvider } from '../providers/types.ts';
import { ExolveApi, type ExolveApiOptions } from './exolve-api.ts';
import { LivekitSipTelephony, type SipCallControl } from './livekit-telephony.ts';

/** Exolve settings (env: EXOLVE_API_KEY, EXOLVE_NUMBER, EXOLVE_CALLBACK_RESOURCE_ID, LIVEKIT_SIP_URI). */
export interface ExolveOptions extends ExolveApiOptions {
  /** LiveKit SIP host, e.g. `vjnxecm0tjk.sip.livekit.cloud` (LiveKit project settings → SIP URI, without `sip:`). */
  livekitSipHost: string;
  /** SIP port on the LiveKit side (5060 UDP/TCP; LiveKit also listens on 5061 for TLS). */
  livekitSipPort?: number;
  /** Callback resource for outbound calls (Exolve cabinet → application → callback resource id). */
  callbackResourceId?: number;
}

/** `sip:abc.sip.livekit.cloud` / `abc.sip.livekit.cloud:5060` → `abc.sip.livekit.cloud`. */
export function sipHostOf(uri: string): string {
  return uri.replace(/^sips?:/, '').replace(/^.*@/, '').replace(/:\d+$/, '').replace(/\/.*$/, '');
}

/**
 * MTS Exolve as the phone side. Inbound: each Exolve number forwards its calls to the LiveKit SIP URI
 * (`SetCallForwarding`, type 1 "external SIP account", `+<number>@<livekit host>:5060`), where the
 * number's LiveKit inbound trunk and dispatch rule hand the call to the agent. The call then lives in
 * LiveKit as a SIP participant, so `connectToLivekit`/`hangup` work on that participant (BYE goes back
 * over SIP; Exolve's documented API has no method to end an arbitrary call).
 * Outbound: `dialOut` asks Exolve's `MakeCallback` to ring the customer and then the bot's own Exolve
 * number (which forwards into LiveKit). The LiveKit outbound trunk route (POST /bots/{id}/calls) is the
 * other option and needs no callback resource.
 */
export class ExolveTelephony implements TelephonyProvider {
  readonly name = 'exolve';
  readonly api: ExolveApi;
  readonly #sipUri: (number: string) => string;
  readonly #calls: LivekitSipTelephony;
  readonly #callbackResourceId: number | undefined;

  constructor(opts: ExolveOptions, sip: SipCallControl) {
    this.api = new ExolveApi(opts);
    const host = sipHostOf(opts.livekitSipHost);
    const port = opts.livekitSipPort ?? 5060;
    this.#sipUri = (number) => `+${number.replace(/\D/g, '')}@${host}:${port}`;
    this.#calls = new LivekitSipTelephony(sip, 'exolve');
    this.#callbackResourceId = opts.callbackResourceId;
  }

  /** The SIP URI Exolve forwards `number` to. */
  sipUriFor(number: string): string {
    return this.#sipUri(number);
  }

  /** Point an Exolve number at LiveKit (its LiveKit inbound trunk must exist for calls to be accepted). */
  async attachNumber(number: string): Promise<void> {
    await this.api.forwardToSip(number, this.#sipUri(number));
  }

  async detachNumber(number: string): Promise<void> {
    await this.api.deleteForwarding(number);
  }

  connectToLivekit(callId: string, room: string): Promise<void> {
    return this.#calls.connectToLivekit(callId, room);
  }

  hangup(callId: string): Promise<void> {
    return this.#calls.hangup(callId);
  }

  /** Ring `to`, then bridge it to `botNumber` (an Exolve number forwarded to LiveKit). Returns Exolve's call id. */
  async dialOut(to: string, botNumber: string): Promise<string> {
    if (this.#callbackResourceId === undefined) {
      throw new ProviderError('EXOLVE_CALLBACK_RESOURCE_ID is not set: create a callback resource in the Exolve cabinet', {
        provider: 'exolve',
        kind: 'telephony',
        retryable: false,
        fatal: true,
      });
    }
    return this.api.makeCallback({ from: botNumber, callbackResourceId: this.#callbackResourceId, first: to, second: botNumber });
  }
}
