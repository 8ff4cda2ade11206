import { providerErrorFromStatus } from '../providers/errors.ts';
import type { TelephonyProvider } from '../providers/types.ts';

/** Twilio account settings (env: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, LIVEKIT_SIP_URI). */
export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** LiveKit SIP host, e.g. `vjnxecm0tjk.sip.livekit.cloud` (project settings → SIP URI). */
  livekitSipHost: string;
  /** API root; tests point it at a local server. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** TwiML answering an inbound call by dialing the LiveKit SIP endpoint for the called number. */
export function twimlDialLivekit(calledNumber: string, sipHost: string): string {
  const uri = `sip:${calledNumber}@${sipHost}`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Sip>${xmlEscape(uri)}</Sip></Dial></Response>`;
}

/**
 * Twilio as the phone side: inbound calls reach LiveKit through TwiML `<Dial><Sip>` (or an Elastic SIP trunk
 * whose origination URI is the LiveKit SIP URI); `hangup` ends the call over the REST API
 * (`POST /2010-04-01/Accounts/{sid}/Calls/{callSid}.json`, `Status=completed`, Basic auth).
 */
export class TwilioTelephony implements TelephonyProvider {
  readonly name = 'twilio';
  readonly #o: Required<Omit<TwilioOptions, 'fetch'>> & { fetch: typeof fetch };

  constructor(opts: TwilioOptions) {
    this.#o = { baseUrl: 'https://api.twilio.com', fetch: globalThis.fetch, ...opts };
  }

  /** Redirect a live call into LiveKit: `Twiml` update with `<Dial><Sip>` to `sip:<room>@<livekit host>`. */
  async connectToLivekit(callId: string, room: string): Promise<void> {
    await this.#updateCall(callId, { Twiml: twimlDialLivekit(room, this.#o.livekitSipHost) });
  }

  async hangup(callId: string): Promise<void> {
    await this.#updateCall(callId, { Status: 'completed' });
  }

  async #updateCall(callSid: string, form: Record<string, string>): Promise<void> {
    const url = `${this.#o.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(this.#o.accountSid)}/Calls/${encodeURIComponent(callSid)}.json`;
    const res = await this.#o.fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${this.#o.accountSid}:${this.#o.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    if (!res.ok) throw providerErrorFromStatus('twilio', 'telephony', res.status, await res.text());
  }
}
