import { SipClient } from 'livekit-server-sdk';
import { toLivekitError } from './livekit-errors.ts';

/** LiveKit server credentials (the worker's own). */
export interface TransferCredentials {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** Whom to hand over and where. */
export interface TransferTarget {
  roomName: string;
  /** The SIP caller's participant identity in the room. */
  sipIdentity: string;
  /** The config's `handoff.to`: `+7…` (becomes `tel:+7…`) or a `sip:` URI. */
  to: string;
}

export interface TransferOptions {
  /** Let the caller hear a dial tone while the person's phone rings. */
  playDialtone?: boolean;
  /** How long the person's phone may ring, in seconds. */
  ringingTimeoutS?: number;
}

export const defaultTransferOptions = { playDialtone: true, ringingTimeoutS: 30 } as const;

/** `+74951234567` → `tel:+74951234567`; a `sip:`/`sips:` URI stays as it is. */
export function transferUri(to: string): string {
  return /^sips?:/i.test(to) ? to : `tel:${to.replace(/[^\d+]/g, '')}`;
}

/**
 * Hands a phone call to a person with LiveKit SIP `TransferSIPParticipant` (a SIP REFER to the caller's trunk):
 * the caller leaves the room once the person answers. Failures become ProviderErrors (401/403 fatal, 5xx retryable).
 * @example await createTransfer(creds)({ roomName: 'call-1', sipIdentity: 'sip-79161234567', to: '+74951234567' });
 */
export function createTransfer(
  creds: TransferCredentials,
  opts: TransferOptions = {},
): (target: TransferTarget) => Promise<void> {
  const o = { ...defaultTransferOptions, ...opts };
  const sip = new SipClient(creds.url.replace(/^ws(s?):\/\//, 'http$1://'), creds.apiKey, creds.apiSecret);
  return async ({ roomName, sipIdentity, to }) => {
    try {
      await sip.transferSipParticipant(roomName, sipIdentity, transferUri(to), {
        playDialtone: o.playDialtone,
        ringingTimeout: o.ringingTimeoutS,
      });
    } catch (err) {
      throw toLivekitError(err, `transferring the call in room ${roomName} to ${to}`);
    }
  };
}
