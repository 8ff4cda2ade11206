import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { vi } from 'vitest';
import worker from '../../workers/index.ts';
import type { ApiResponse } from './support.ts';

export const LIVEKIT = { LIVEKIT_URL: 'wss://salon-test.livekit.example', LIVEKIT_API_KEY: 'APIworker1', LIVEKIT_API_SECRET: 'sec_1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a' };

/** Exolve settings pointing at the stub (numbers attached with provider `exolve` get forwarded to LiveKit). */
export const EXOLVE = { EXOLVE_API_KEY: 'exo-worker-key', EXOLVE_BASE_URL: 'https://exolve.example', LIVEKIT_SIP_URI: 'sip:vjnxecm0tjk.sip.livekit.cloud' };

/** LiveKit and outbound-trunk settings blanked, for tests of the unconfigured paths. */
export const NO_LIVEKIT = { LIVEKIT_URL: '', LIVEKIT_API_KEY: '', LIVEKIT_API_SECRET: '', LIVEKIT_SIP_OUTBOUND_TRUNK_ID: '', LIVEKIT_SIP_URI: '', EXOLVE_API_KEY: '' };

/** One Twirp call the Worker made to LiveKit, with the verified JWT claims. */
export interface FakeTwirpCall {
  method: string;
  body: Record<string, any>;
  claims: Record<string, any> | null;
  /** Why the token failed verification, if it did. */
  tokenError?: string;
}

const b64urlToBytes = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));

/** Verify an HS256 JWT with WebCrypto (workerd has no node:crypto HMAC in plain tests without compat). */
async function verifyJwt(token: string, secret: string): Promise<{ claims: Record<string, any> } | { error: string }> {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return { error: 'malformed token' };
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const ok = await crypto.subtle.verify('HMAC', key, b64urlToBytes(s), new TextEncoder().encode(`${h}.${p}`));
  if (!ok) return { error: 'invalid signature' };
  const header = JSON.parse(new TextDecoder().decode(b64urlToBytes(h))) as { alg?: string };
  if (header.alg !== 'HS256') return { error: 'unsupported alg' };
  return { claims: JSON.parse(new TextDecoder().decode(b64urlToBytes(p))) as Record<string, any> };
}

/**
 * Stub `fetch` at the runtime boundary with a LiveKit Twirp API: checks path `/twirp/livekit.<Service>/<Method>`,
 * the JWT (signature with LIVEKIT_API_SECRET, `iss` = key) and per-method grants, and answers in proto
 * field names like LiveKit's server. `fail` makes one method fail with a Twirp error. Requests to
 * {@link EXOLVE}'s base URL are recorded as Exolve calls (Bearer key checked; `exolveStatus` to fail them).
 */
export function stubLivekit(opts: { fail?: Record<string, { status: number; code: string; msg: string; meta?: Record<string, string> }>; exolveStatus?: number } = {}) {
  const calls: FakeTwirpCall[] = [];
  const exolveCalls: { path: string; authorization: string | null; body: Record<string, any> }[] = [];
  let seq = 0;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init as RequestInit);
    const url = new URL(req.url);
    if (url.origin === EXOLVE.EXOLVE_BASE_URL) {
      exolveCalls.push({ path: url.pathname, authorization: req.headers.get('authorization'), body: JSON.parse(await req.text()) as Record<string, any> });
      if (req.headers.get('authorization') !== `Bearer ${EXOLVE.EXOLVE_API_KEY}`) return json(401, { error: 'Unauthorized' });
      return json(opts.exolveStatus ?? 200, opts.exolveStatus ? { error: `status ${opts.exolveStatus}` } : {});
    }
    const m = /^\/twirp\/livekit\.(\w+)\/(\w+)$/.exec(url.pathname);
    if (url.origin !== 'https://salon-test.livekit.example' || !m) return new Response('unexpected request', { status: 599 });
    const method = `${m[1]}/${m[2]}`;
    const body = JSON.parse((await req.text()) || '{}') as Record<string, any>;
    const token = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1] ?? '';
    const verified = await verifyJwt(token, LIVEKIT.LIVEKIT_API_SECRET);
    const call: FakeTwirpCall = { method, body, claims: 'claims' in verified ? verified.claims : null, ...('error' in verified ? { tokenError: verified.error } : {}) };
    calls.push(call);
    if (!call.claims || call.claims.iss !== LIVEKIT.LIVEKIT_API_KEY) return json(401, { code: 'unauthenticated', msg: call.tokenError ?? 'unknown key' });
    const failure = opts.fail?.[method];
    if (failure) return json(failure.status, { code: failure.code, msg: failure.msg, ...(failure.meta ? { meta: failure.meta } : {}) });
    const id = (prefix: string) => `${prefix}_w${++seq}`;
    switch (method) {
      case 'SIP/CreateSIPInboundTrunk':
        return json(200, { sip_trunk_id: id('ST'), name: body.trunk?.name, numbers: body.trunk?.numbers });
      case 'SIP/CreateSIPDispatchRule':
        return json(200, { sip_dispatch_rule_id: id('SDR'), trunk_ids: body.trunkIds, name: body.name });
      case 'SIP/DeleteSIPDispatchRule':
        return json(200, { sip_dispatch_rule_id: body.sipDispatchRuleId });
      case 'SIP/DeleteSIPTrunk':
        return json(200, { sip_trunk_id: body.sipTrunkId });
      case 'AgentDispatchService/CreateDispatch':
        return json(200, { id: id('AD'), agent_name: body.agentName, room: body.room, metadata: body.metadata });
      case 'SIP/CreateSIPParticipant':
        return json(200, { participant_id: id('PA'), participant_identity: body.participantIdentity, room_name: body.roomName, sip_call_id: id('SCL') });
      case 'RoomService/DeleteRoom':
        return json(200, {});
      default:
        return json(404, { code: 'bad_route', msg: method });
    }
  });
  return { calls, exolveCalls, spy };
}

/** One round-trip through the Worker's fetch handler with extra env vars (LiveKit settings per test). */
export async function apiWithEnv<T = any>(
  extraEnv: Record<string, string>,
  method: string,
  path: string,
  opts: { key?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = opts.key ? { authorization: `Bearer ${opts.key}` } : {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://api.test${path}`, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  const ctx = createExecutionContext();
  const res = await worker.fetch(req as Parameters<typeof worker.fetch>[0], { ...env, ...extraEnv }, ctx);
  await waitOnExecutionContext(ctx);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}
