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

  /**
   * Redirect a live call (`callId` = Twilio Call SID) into LiveKit: `Twiml` update with `<Dial><Sip>` to
   * `sip:<room>@<livekit host>`. With number-keyed inbound trunks (what POST /bots/{id}/phone-numbers
   * provisions) pass the dialled E.164 number as `room`: the dispatch rule then creates the call's room.
   */
  async connectToLivekit(callId: string, room: string): Promise<void> {
    await this.#updateCall(callId, { Twiml: twimlDialLivekit(room, this.#o.livekitSipHost) });
  }

  async hangup(callId: string): Promise<void> {
    await this.#updateCall(callId, { Status: 'completed' });
  }

  /**
   * Outbound: `POST Calls.json` rings `to` from our Twilio number `from`; when answered, the TwiML
   * `<Dial><Sip>` bridges it to `sip:<botNumber>@<livekit host>`, where the number's inbound trunk and
   * dispatch rule hand it to the agent. Returns the Twilio Call SID.
   */
  async dialOut(to: string, from: string, botNumber: string = from): Promise<string> {
    const body = await this.#post('Calls.json', { To: to, From: from, Twiml: twimlDialLivekit(botNumber, this.#o.livekitSipHost) });
    return String((body as { sid?: unknown }).sid ?? '');
  }

  async #updateCall(callSid: string, form: Record<string, string>): Promise<void> {
    await this.#post(`Calls/${encodeURIComponent(callSid)}.json`, form);
  }

  async #post(path: string, form: Record<string, string>): Promise<unknown> {
    const url = `${this.#o.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(this.#o.accountSid)}/${path}`;
    const res = await this.#o.fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${this.#o.accountSid}:${this.#o.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    const text = await res.text();
    if (!res.ok) throw providerErrorFromStatus('twilio', 'telephony', res.status, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return {};
    }
  }
}
