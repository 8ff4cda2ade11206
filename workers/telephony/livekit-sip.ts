import { AgentDispatchClient, RoomAgentDispatch, RoomConfiguration, RoomServiceClient, SipClient } from 'livekit-server-sdk';
import { DEFAULT_AGENT_NAME } from '../../core/agent-name.ts';
import type { Env } from '../env.ts';

/** Prefix of the per-call rooms created by our dispatch rules (and outbound calls). */
export const ROOM_PREFIX = 'call-';

/** LiveKit server API access, resolved from env. */
export interface LivekitAccess {
  host: string;
  apiKey: string;
  apiSecret: string;
  agentName: string;
}

const NEEDED = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const;

/** LiveKit access from env, or the names of the missing variables. */
export function livekitAccess(env: Env): { access: LivekitAccess } | { missing: string[] } {
  const missing = NEEDED.filter((k) => !env[k]?.trim());
  if (missing.length > 0) return { missing };
  return {
    access: {
      host: env.LIVEKIT_URL!.trim().replace(/^ws(s?):\/\//, 'http$1://'),
      apiKey: env.LIVEKIT_API_KEY!.trim(),
      apiSecret: env.LIVEKIT_API_SECRET!.trim(),
      agentName: env.AGENT_NAME?.trim() || DEFAULT_AGENT_NAME,
    },
  };
}

/** A failed LiveKit server call, with the HTTP status and Twirp code LiveKit answered. */
export class LivekitCallError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  /** The SIP answer of a failed dial (486 busy, 480/408 no answer, 603 declined), when LiveKit reported one. */
  readonly sipStatusCode: number | undefined;
  constructor(action: string, cause: unknown) {
    const e = cause as { status?: number; code?: string; message?: string; metadata?: Record<string, string> } | null;
    const auth = e?.status === 401 || e?.code === 'unauthenticated';
    super(
      auth
        ? `LiveKit rejected the API credentials while ${action}: check LIVEKIT_API_KEY and LIVEKIT_API_SECRET (${e?.message ?? 'unauthenticated'})`
        : `LiveKit failed while ${action}: ${e?.message ?? String(cause)}`,
      { cause },
    );
    this.name = 'LivekitCallError';
    this.status = e?.status;
    this.code = e?.code;
    const sip = Number(e?.metadata?.sip_status_code);
    this.sipStatusCode = Number.isFinite(sip) && sip > 0 ? sip : undefined;
  }
}

const botMetadata = (botId: string, extra: Record<string, unknown> = {}) => JSON.stringify({ bot_id: botId, ...extra });

async function attempt<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new LivekitCallError(action, e);
  }
}

async function ignoreGone(action: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const err = e as { status?: number; code?: string };
    if (err.status === 404 || err.code === 'not_found') return;
    throw new LivekitCallError(action, e);
  }
}

/**
 * The LiveKit SIP calls the admin API makes (via livekit-server-sdk, which runs in workerd: it only needs
 * `fetch` and WebCrypto-backed `jose`): a number's inbound trunk + individual-room dispatch rule that
 * dispatches our agent with `{ bot_id }` metadata; their removal; and outbound calls.
 */
export class WorkerLivekitSip {
  readonly #a: LivekitAccess;
  readonly #sip: SipClient;

  constructor(access: LivekitAccess) {
    this.#a = access;
    this.#sip = new SipClient(access.host, access.apiKey, access.apiSecret);
  }

  async provisionNumber(number: string, botId: string, companyId: string): Promise<{ trunkId: string; dispatchRuleId: string }> {
    const trunk = await attempt(`creating the inbound trunk for ${number}`, () =>
      this.#sip.createSipInboundTrunk(`voicebot ${number}`, [number], { metadata: JSON.stringify({ bot_id: botId, company_id: companyId }) }),
    );
    try {
      const rule = await attempt(`creating the dispatch rule for ${number}`, () =>
        this.#sip.createSipDispatchRule(
          { type: 'individual', roomPrefix: ROOM_PREFIX },
          {
            name: `voicebot ${number} → ${botId}`,
            trunkIds: [trunk.sipTrunkId],
            metadata: botMetadata(botId),
            roomConfig: new RoomConfiguration({ agents: [new RoomAgentDispatch({ agentName: this.#a.agentName, metadata: botMetadata(botId) })] }),
          },
        ),
      );
      return { trunkId: trunk.sipTrunkId, dispatchRuleId: rule.sipDispatchRuleId };
    } catch (e) {
      await this.#sip.deleteSipTrunk(trunk.sipTrunkId).catch(() => undefined);
      throw e;
    }
  }

  /** Delete the rule, then the trunk; objects already gone count as deleted. */
  async releaseNumber(trunkId: string | null, dispatchRuleId: string | null): Promise<void> {
    if (dispatchRuleId) await ignoreGone(`deleting dispatch rule ${dispatchRuleId}`, () => this.#sip.deleteSipDispatchRule(dispatchRuleId));
    if (trunkId) await ignoreGone(`deleting trunk ${trunkId}`, () => this.#sip.deleteSipTrunk(trunkId));
  }

  /**
   * New room, agent dispatched with the bot id (and `metadata`, e.g. the reminder), then the SIP participant dialing
   * `to`. With `waitUntilAnswered` it returns once the callee picked up; busy or no answer throws a
   * {@link LivekitCallError} with the SIP status. `dtmf` is sent once the call connects ('w' = 0.5 s pause).
   */
  async dialOut(opts: {
    to: string;
    botId: string;
    outboundTrunkId: string;
    fromNumber?: string;
    metadata?: Record<string, unknown>;
    waitUntilAnswered?: boolean;
    ringingTimeoutS?: number;
    dtmf?: string;
  }) {
    const { host, apiKey, apiSecret, agentName } = this.#a;
    const room = `${ROOM_PREFIX}out-${crypto.randomUUID().slice(0, 12)}`;
    const identity = `sip-${opts.to.replace(/\D/g, '')}`;
    const dispatch = await attempt(`dispatching the agent to ${room}`, () =>
      new AgentDispatchClient(host, apiKey, apiSecret).createDispatch(room, agentName, { metadata: botMetadata(opts.botId, { direction: 'outbound', ...opts.metadata }) }),
    );
    try {
      const p = await attempt(`dialing ${opts.to}`, () =>
        this.#sip.createSipParticipant(opts.outboundTrunkId, opts.to, room, {
          participantIdentity: identity,
          participantName: opts.to,
          participantAttributes: { bot_id: opts.botId },
          ...(opts.fromNumber ? { fromNumber: opts.fromNumber } : {}),
          ...(opts.waitUntilAnswered ? { waitUntilAnswered: true, timeout: (opts.ringingTimeoutS ?? 30) + 10 } : {}),
          ...(opts.ringingTimeoutS ? { ringingTimeout: opts.ringingTimeoutS } : {}),
          ...(opts.dtmf ? { dtmf: opts.dtmf } : {}),
        }),
      );
      return { room, participantIdentity: p.participantIdentity || identity, sipCallId: p.sipCallId, dispatchId: dispatch.id };
    } catch (e) {
      await new RoomServiceClient(host, apiKey, apiSecret).deleteRoom(room).catch(() => undefined);
      throw e;
    }
  }
}
