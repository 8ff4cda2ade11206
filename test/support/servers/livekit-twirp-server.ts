import { type LocalServer, readBody, sendJson, startLocalServer } from './http-util.ts';
import { type LivekitClaims, verifyLivekitJwt } from './livekit-jwt.ts';

/** One Twirp call as the LiveKit server saw it. */
export interface TwirpCall {
  /** e.g. `SIP/CreateSIPInboundTrunk`, `RoomService/RemoveParticipant`. */
  method: string;
  path: string;
  body: Record<string, any>;
  claims?: LivekitClaims;
}

export interface LivekitTwirpServer extends LocalServer {
  calls: TwirpCall[];
  /** Objects the fake server holds, by id. */
  trunks: Map<string, Record<string, unknown>>;
  rules: Map<string, Record<string, unknown>>;
  /** Identities present per room (outbound calls add theirs; tests may add inbound callers). */
  participants: Map<string, Set<string>>;
  /**
   * Egresses by id, as EgressInfo JSON (proto field names); a test may set `status` to simulate a failed upload or an
   * egress that completed on its own. A stopped egress is EGRESS_ENDING until its upload ends `egressUploadMs` later.
   */
  egresses: Map<string, Record<string, any>>;
  /** Make the next call of `method` fail with a Twirp error. */
  failNext(method: string, status: number, code: string, msg?: string): void;
}

type Grant = (c: LivekitClaims, body: Record<string, any>) => boolean;
const sipAdmin: Grant = (c) => c.sip?.admin === true;
const sipCall: Grant = (c) => c.sip?.call === true;
const roomAdmin: Grant = (c, b) => c.video?.roomAdmin === true && typeof b.room === 'string' && c.video.room === b.room;
const roomCreate: Grant = (c) => c.video?.roomCreate === true;
const roomRecord: Grant = (c) => c.video?.roomRecord === true;
// TransferSIPParticipant needs sip.call plus room admin of the caller's room.
const sipTransfer: Grant = (c, b) => c.sip?.call === true && c.video?.roomAdmin === true && c.video.room === b.roomName;

const GRANTS: Readonly<Record<string, Grant>> = {
  'SIP/CreateSIPInboundTrunk': sipAdmin,
  'SIP/ListSIPInboundTrunk': sipAdmin,
  'SIP/DeleteSIPTrunk': sipAdmin,
  'SIP/CreateSIPDispatchRule': sipAdmin,
  'SIP/ListSIPDispatchRule': sipAdmin,
  'SIP/DeleteSIPDispatchRule': sipAdmin,
  'SIP/CreateSIPParticipant': sipCall,
  'SIP/TransferSIPParticipant': sipTransfer,
  'RoomService/RemoveParticipant': roomAdmin,
  'RoomService/DeleteRoom': roomCreate,
  'AgentDispatchService/CreateDispatch': roomAdmin,
  'Egress/StartRoomCompositeEgress': roomRecord,
  'Egress/StopEgress': roomRecord,
  'Egress/ListEgress': roomRecord,
};

/**
 * A local LiveKit server API speaking Twirp over HTTP (docs.livekit.io/reference/server/server-apis):
 * `POST /twirp/livekit.<Service>/<Method>` with a JSON body (protobuf JSON, lowerCamelCase from the SDK)
 * and `Authorization: Bearer <JWT>` signed HS256 with the API secret, `iss` = API key. Grants are checked
 * per method (sip.admin for trunks/rules, sip.call for CreateSIPParticipant, video.roomAdmin + room for
 * RemoveParticipant/CreateDispatch). Errors are Twirp JSON `{ code, msg }` with the matching HTTP status;
 * answers use proto field names (snake_case) like LiveKit's server.
 */
export async function startLivekitTwirpServer(opts: { apiKey: string; apiSecret: string; egressUploadMs?: number }): Promise<LivekitTwirpServer> {
  const calls: TwirpCall[] = [];
  const trunks = new Map<string, Record<string, unknown>>();
  const rules = new Map<string, Record<string, unknown>>();
  const participants = new Map<string, Set<string>>();
  const egresses = new Map<string, Record<string, any>>();
  const failures = new Map<string, { status: number; code: string; msg: string }>();
  let seq = 0;
  const id = (prefix: string) => `${prefix}_${(++seq).toString(36).padStart(6, '0')}`;

  const handlers: Record<string, (b: Record<string, any>) => [number, unknown]> = {
    'SIP/CreateSIPInboundTrunk': (b) => {
      const t = { sip_trunk_id: id('ST'), name: b.trunk?.name ?? '', numbers: b.trunk?.numbers ?? [], metadata: b.trunk?.metadata ?? '' };
      trunks.set(t.sip_trunk_id, t);
      return [200, t];
    },
    'SIP/ListSIPInboundTrunk': (b) => {
      const wanted: string[] = b.numbers ?? [];
      const items = [...trunks.values()].filter((t) => wanted.length === 0 || (t.numbers as string[]).some((n) => wanted.includes(n)));
      return [200, { items }];
    },
    'SIP/DeleteSIPTrunk': (b) => {
      const t = trunks.get(b.sipTrunkId);
      if (!t) return [404, { code: 'not_found', msg: 'trunk not found' }];
      trunks.delete(b.sipTrunkId);
      return [200, t];
    },
    'SIP/CreateSIPDispatchRule': (b) => {
      const r = { sip_dispatch_rule_id: id('SDR'), rule: b.rule, trunk_ids: b.trunkIds ?? [], name: b.name ?? '', metadata: b.metadata ?? '', room_config: b.roomConfig };
      rules.set(r.sip_dispatch_rule_id, r);
      return [200, r];
    },
    'SIP/DeleteSIPDispatchRule': (b) => {
      const r = rules.get(b.sipDispatchRuleId);
      if (!r) return [404, { code: 'not_found', msg: 'dispatch rule not found' }];
      rules.delete(b.sipDispatchRuleId);
      return [200, r];
    },
    'SIP/CreateSIPParticipant': (b) => {
      if (!trunks.has(b.sipTrunkId) && !String(b.sipTrunkId).startsWith('ST_OUT')) return [404, { code: 'not_found', msg: 'outbound trunk not found' }];
      const identity = b.participantIdentity ?? 'sip-participant';
      (participants.get(b.roomName) ?? participants.set(b.roomName, new Set()).get(b.roomName)!).add(identity);
      return [200, { participant_id: id('PA'), participant_identity: identity, room_name: b.roomName, sip_call_id: id('SCL') }];
    },
    // SIP REFER: the phone participant leaves the room once the transfer target takes the call.
    'SIP/TransferSIPParticipant': (b) => {
      if (!/^(tel:\+\d{6,15}|sips?:\S+@\S+)$/.test(String(b.transferTo ?? ''))) {
        return [400, { code: 'invalid_argument', msg: 'transfer_to must be tel:+… or sip:…' }];
      }
      if (!participants.get(b.roomName)?.delete(b.participantIdentity)) return [404, { code: 'not_found', msg: 'participant not found' }];
      return [200, {}];
    },
    'RoomService/RemoveParticipant': (b) => {
      if (!participants.get(b.room)?.delete(b.identity)) return [404, { code: 'not_found', msg: 'participant not found' }];
      return [200, {}];
    },
    'RoomService/DeleteRoom': (b) => {
      participants.delete(b.room);
      return [200, {}];
    },
    'AgentDispatchService/CreateDispatch': (b) => [200, { id: id('AD'), agent_name: b.agentName, room: b.room, metadata: b.metadata ?? '' }],
    // Egress: one file output per request (file_outputs, or the legacy `file` field); the file is "written" at stop.
    'Egress/StartRoomCompositeEgress': (b) => {
      const file = b.fileOutputs?.[0] ?? b.file;
      if (!b.roomName || !file) return [400, { code: 'invalid_argument', msg: 'room_name and a file output are required' }];
      const e = { egress_id: id('EG'), room_name: b.roomName, status: 'EGRESS_STARTING', started_at: String(Date.now() * 1e6), file_results: [{ filename: file.filepath }] };
      egresses.set(e.egress_id, e);
      return [200, e];
    },
    'Egress/StopEgress': (b) => {
      const e = egresses.get(b.egressId);
      if (!e) return [404, { code: 'not_found', msg: 'egress not found' }];
      if (e.status === 'EGRESS_COMPLETE' || e.status === 'EGRESS_ENDING') return [412, { code: 'failed_precondition', msg: 'egress already stopped' }];
      if (e.status !== 'EGRESS_FAILED') {
        e.status = 'EGRESS_ENDING';
        // the file upload finishes a little later, as LiveKit's egress does after a stop
        setTimeout(() => e.status === 'EGRESS_ENDING' && (e.status = 'EGRESS_COMPLETE'), opts.egressUploadMs ?? 50).unref();
      }
      return [200, { ...e }];
    },
    'Egress/ListEgress': (b) => [200, { items: [...egresses.values()].filter((e) => (!b.egressId || e.egress_id === b.egressId) && (!b.roomName || e.room_name === b.roomName)) }],
  };

  const local = await startLocalServer(async (req, res) => {
    const m = /^\/twirp\/livekit\.([A-Za-z]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return sendJson(res, 404, { code: 'bad_route', msg: `no handler for ${req.method} ${req.url}` });
    const method = `${m[1]}/${m[2]}`;
    const body = JSON.parse((await readBody(req)).toString() || '{}') as Record<string, any>;
    const call: TwirpCall = { method, path: req.url!, body };
    calls.push(call);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return sendJson(res, 401, { code: 'unauthenticated', msg: 'missing authorization header' });
    const verified = verifyLivekitJwt(token, { [opts.apiKey]: opts.apiSecret });
    if ('error' in verified) return sendJson(res, 401, { code: 'unauthenticated', msg: verified.error });
    call.claims = verified.claims;
    const handler = handlers[method];
    const grant = GRANTS[method];
    if (!handler || !grant) return sendJson(res, 404, { code: 'bad_route', msg: `unknown method ${method}` });
    if (!grant(verified.claims, body)) return sendJson(res, 403, { code: 'permission_denied', msg: `token lacks the grant for ${method}` });
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      return sendJson(res, failure.status, { code: failure.code, msg: failure.msg });
    }
    const [status, answer] = handler(body);
    sendJson(res, status, answer);
  });

  return {
    ...local,
    calls,
    trunks,
    rules,
    participants,
    egresses,
    failNext: (method, status, code, msg = code) => void failures.set(method, { status, code, msg }),
  };
}
