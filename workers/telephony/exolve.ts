/**
 * MTS Exolve number forwarding from the Worker (docs.exolve.ru, Numbering API):
 * `POST https://api.exolve.ru/number/v1/SetCallForwarding` with `call_forwarding_type: 1` ("external SIP
 * account") and `call_forwarding_sip.sip_uri` = `{user}@{domain or IP}:{port}`, and
 * `POST …/number/v1/DeleteCallForwarding` `{ number_code }`; both `Authorization: Bearer <API key>`,
 * JSON, `{}` on success. Numbers go as `uint64` digits without `+`.
 */
export interface ExolveForwardingConfig {
  apiKey: string;
  /** LiveKit SIP host (from LIVEKIT_SIP_URI, e.g. `sip:abc.sip.livekit.cloud`). */
  sipHost: string;
  baseUrl: string;
}

/** A failed Exolve request, with its HTTP status. */
export class ExolveCallError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'ExolveCallError';
    this.status = status;
  }
}

/** `sip:abc.sip.livekit.cloud:5060` → `abc.sip.livekit.cloud`. */
export function sipHostOf(uri: string): string {
  return uri.trim().replace(/^sips?:/, '').replace(/^.*@/, '').replace(/:\d+$/, '').replace(/\/.*$/, '');
}

/** Forwarding config when EXOLVE_API_KEY and LIVEKIT_SIP_URI are both set, else null. */
export function exolveForwarding(env: { EXOLVE_API_KEY?: string; EXOLVE_BASE_URL?: string; LIVEKIT_SIP_URI?: string }): ExolveForwardingConfig | null {
  const apiKey = env.EXOLVE_API_KEY?.trim();
  const sipUri = env.LIVEKIT_SIP_URI?.trim();
  if (!apiKey || !sipUri) return null;
  return { apiKey, sipHost: sipHostOf(sipUri), baseUrl: env.EXOLVE_BASE_URL?.trim() || 'https://api.exolve.ru' };
}

/** The SIP URI an Exolve number forwards to: `+74951234567@abc.sip.livekit.cloud:5060`. */
export function livekitSipUriFor(number: string, sipHost: string): string {
  return `+${number.replace(/\D/g, '')}@${sipHost}:5060`;
}

async function post(cfg: ExolveForwardingConfig, path: string, body: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${cfg.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cfg.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new ExolveCallError(`Exolve ${path} failed: ${(e as Error).message}`);
  }
  if (res.ok) return;
  const text = (await res.text()).slice(0, 200);
  throw new ExolveCallError(
    res.status === 401 ? `Exolve rejected EXOLVE_API_KEY (401) on ${path}: ${text}` : `Exolve ${path} failed with HTTP ${res.status}: ${text}`,
    res.status,
  );
}

const numberCode = (e164: string) => Number(e164.replace(/\D/g, ''));

/** Forward the Exolve number's inbound calls to the LiveKit SIP URI. */
export function forwardToLivekit(cfg: ExolveForwardingConfig, number: string): Promise<void> {
  return post(cfg, '/number/v1/SetCallForwarding', {
    number_code: numberCode(number),
    call_forwarding_type: 1,
    call_forwarding_sip: { sip_uri: livekitSipUriFor(number, cfg.sipHost) },
  });
}

export function deleteForwarding(cfg: ExolveForwardingConfig, number: string): Promise<void> {
  return post(cfg, '/number/v1/DeleteCallForwarding', { number_code: numberCode(number) });
}
