import {
  AgentDispatchClient,
  RoomAgentDispatch,
  RoomConfiguration,
  RoomServiceClient,
  SipClient,
  type SIPInboundTrunkInfo,
} from 'livekit-server-sdk';
import { livekitStatus, toLivekitError } from './livekit-errors.ts';

/** LiveKit server credentials and the dispatch name of our agent worker. */
export interface LivekitSipOptions {
  /** `wss://…` or `https://…` (the server API speaks HTTP; `ws` is rewritten). */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Agent name the dispatch rules send calls to (the worker's `agentName`). */
  agentName: string;
  /** Prefix of the per-call rooms an individual dispatch rule creates. */
  roomPrefix?: string;
  /** Per-request timeout in seconds (the SDK's default is 10). */
  requestTimeoutS?: number;
}

export const defaultLivekitSipOptions = { roomPrefix: 'call-', requestTimeoutS: 10 } as const;

/** What to provision for one phone number. */
export interface InboundNumber {
  /** E.164, e.g. `+74951234567`. */
  number: string;
  botId: string;
  companyId?: string;
  /** SIP digest credentials the carrier authenticates with (Twilio Elastic SIP trunk credential list). */
  auth?: { username: string; password: string };
  /** Carrier signalling addresses/CIDRs allowed to send INVITEs (e.g. Exolve's or Twilio's ranges). */
  allowedAddresses?: string[];
}

/** LiveKit ids stored next to a phone number. */
export interface ProvisionedNumber {
  trunkId: string;
  dispatchRuleId: string;
}

/** An outbound call placed through a LiveKit SIP outbound trunk. */
export interface OutboundCall {
  room: string;
  /** SIP participant identity: the call id used by `hangup`. */
  participantIdentity: string;
  sipCallId: string;
  dispatchId: string;
}

/** Dispatch metadata the agent-host's BotResolver reads (`{ "bot_id": … }`). */
export function botMetadata(botId: string, extra: Record<string, string> = {}): string {
  return JSON.stringify({ bot_id: botId, ...extra });
}

/** `+7 (495) 123-45-67` → `sip-74951234567`, a stable identity for the phone participant. */
export function sipIdentityFor(number: string): string {
  return `sip-${number.replace(/\D/g, '')}`;
}

const httpUrl = (url: string) => url.replace(/^ws(s?):\/\//, 'http$1://');

/**
 * LiveKit SIP administration over `livekit-server-sdk`: one inbound trunk per company number, one
 * dispatch rule per number that puts each call in its own room and dispatches our agent with the bot
 * id in the job metadata; outbound calls via `CreateSIPParticipant`; hangup by removing the participant.
 * Every server error becomes a {@link ProviderError} (401 → fatal config error naming the env keys).
 *
 * @example
 * const sip = new LivekitSip({ url: env.LIVEKIT_URL, apiKey, apiSecret, agentName: 'voicebot-agent' });
 * const ids = await sip.provisionNumber({ number: '+74951234567', botId: 'bot_123' });
 */
export class LivekitSip {
  readonly #o: Required<LivekitSipOptions>;
  readonly #sip: SipClient;
  readonly #rooms: RoomServiceClient;
  readonly #dispatch: AgentDispatchClient;

  constructor(opts: LivekitSipOptions) {
    this.#o = { ...defaultLivekitSipOptions, ...opts };
    const host = httpUrl(this.#o.url);
    const client = { requestTimeout: this.#o.requestTimeoutS };
    this.#sip = new SipClient(host, this.#o.apiKey, this.#o.apiSecret, client);
    this.#rooms = new RoomServiceClient(host, this.#o.apiKey, this.#o.apiSecret, client);
    this.#dispatch = new AgentDispatchClient(host, this.#o.apiKey, this.#o.apiSecret, client);
  }

  /** Inbound trunk + dispatch rule for one number; the trunk is removed again if the rule cannot be made. */
  async provisionNumber(n: InboundNumber): Promise<ProvisionedNumber> {
    const trunk = await this.#call(`creating the inbound trunk for ${n.number}`, () =>
      this.#sip.createSipInboundTrunk(`voicebot ${n.number}`, [n.number], {
        metadata: JSON.stringify({ bot_id: n.botId, ...(n.companyId ? { company_id: n.companyId } : {}) }),
        ...(n.auth ? { authUsername: n.auth.username, authPassword: n.auth.password } : {}),
        ...(n.allowedAddresses?.length ? { allowedAddresses: n.allowedAddresses } : {}),
      }),
    );
    try {
      const rule = await this.#call(`creating the dispatch rule for ${n.number}`, () =>
        this.#sip.createSipDispatchRule(
          { type: 'individual', roomPrefix: this.#o.roomPrefix },
          {
            name: `voicebot ${n.number} → ${n.botId}`,
            trunkIds: [trunk.sipTrunkId],
            metadata: botMetadata(n.botId),
            roomConfig: new RoomConfiguration({
              agents: [new RoomAgentDispatch({ agentName: this.#o.agentName, metadata: botMetadata(n.botId) })],
            }),
          },
        ),
      );
      return { trunkId: trunk.sipTrunkId, dispatchRuleId: rule.sipDispatchRuleId };
    } catch (e) {
      await this.#sip.deleteSipTrunk(trunk.sipTrunkId).catch(() => undefined);
      throw e;
    }
  }

  /** Inbound trunks, optionally only those that accept one of `numbers`. */
  async listInboundTrunks(numbers?: string[]): Promise<SIPInboundTrunkInfo[]> {
    return this.#call('listing inbound trunks', () => this.#sip.listSipInboundTrunk(numbers?.length ? { numbers } : {}));
  }

  /** Delete a number's dispatch rule, then its trunk. Already-deleted objects (404) count as done. */
  async releaseNumber(ids: Partial<ProvisionedNumber>): Promise<void> {
    if (ids.dispatchRuleId) {
      const id = ids.dispatchRuleId;
      await this.#gone(`deleting dispatch rule ${id}`, () => this.#sip.deleteSipDispatchRule(id));
    }
    if (ids.trunkId) {
      const id = ids.trunkId;
      await this.#gone(`deleting trunk ${id}`, () => this.#sip.deleteSipTrunk(id));
    }
  }

  /**
   * Call `to` from a new room with our agent dispatched (bot id in the job metadata): the dispatch comes
   * first so the agent is there when the callee answers. Needs an outbound trunk (LIVEKIT_SIP_OUTBOUND_TRUNK_ID).
   */
  async dialOut(opts: { to: string; botId: string; outboundTrunkId: string; fromNumber?: string; room?: string }): Promise<OutboundCall> {
    const room = opts.room ?? `${this.#o.roomPrefix}out-${crypto.randomUUID().slice(0, 12)}`;
    const participantIdentity = sipIdentityFor(opts.to);
    const dispatch = await this.#call(`dispatching the agent to ${room}`, () =>
      this.#dispatch.createDispatch(room, this.#o.agentName, { metadata: botMetadata(opts.botId, { direction: 'outbound' }) }),
    );
    try {
      const p = await this.#call(`dialing ${opts.to}`, () =>
        this.#sip.createSipParticipant(opts.outboundTrunkId, opts.to, room, {
          participantIdentity,
          participantName: opts.to,
          ...(opts.fromNumber ? { fromNumber: opts.fromNumber } : {}),
          participantAttributes: { bot_id: opts.botId },
        }),
      );
      return { room, participantIdentity: p.participantIdentity || participantIdentity, sipCallId: p.sipCallId, dispatchId: dispatch.id };
    } catch (e) {
      await this.#rooms.deleteRoom(room).catch(() => undefined);
      throw e;
    }
  }

  /** Hang up a phone participant: LiveKit sends BYE to the carrier. A participant already gone counts as done. */
  async removeParticipant(room: string, identity: string): Promise<void> {
    await this.#gone(`removing ${identity} from ${room}`, () => this.#rooms.removeParticipant(room, identity));
  }

  async #call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toLivekitError(e, action);
    }
  }

  async #gone(action: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (livekitStatus(e) === 404) return;
      throw toLivekitError(e, action);
    }
  }
}
