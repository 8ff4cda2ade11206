import { exolveSmsApi, type ExolveSmsApi } from './exolve-sms-api.ts';
import { type LocalServer, readBody, sendJson, startLocalServer } from './http-util.ts';

/** One request as Exolve's API would see it. */
export interface ExolveRequest {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Record<string, any>;
}

export interface ExolveServer extends LocalServer {
  requests: ExolveRequest[];
  /** Forwarding per `number_code`, as SetCallForwarding stored it. */
  forwarding: Map<number, Record<string, unknown>>;
  /** Answer the next request with this status instead (429, 500, 503…). */
  failNext(status: number): void;
  /** `messaging/v1/SendSMS`: messages sent, alpha names, failures (exolve-sms-api.ts). */
  sms: ExolveSmsApi;
}

/**
 * A local server speaking the MTS Exolve methods the platform uses (docs.exolve.ru): `POST` JSON with
 * `Authorization: Bearer <API key>`; `number/v1/SetCallForwarding` and `number/v1/DeleteCallForwarding`
 * answer `{}`; `call/v1/MakeCallback` answers `{ call_id }`. A wrong key gets 401; malformed `number_code`
 * gets 400 `proto: … invalid value for uint64 type` as in the DeleteCallForwarding error table; `messaging/v1/SendSMS`
 * answers `{ message_id }` (exolve-sms-api.ts).
 */
export async function startExolveServer(opts: { apiKey: string; alphaNames?: string[] }): Promise<ExolveServer> {
  const sms = exolveSmsApi({ alphaNames: opts.alphaNames ?? [] });
  const requests: ExolveRequest[] = [];
  const forwarding = new Map<number, Record<string, unknown>>();
  const failures: number[] = [];
  let callSeq = 701_234_567_000;

  const local = await startLocalServer(async (req, res) => {
    const raw = (await readBody(req)).toString();
    let body: Record<string, any> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    } catch {
      return sendJson(res, 400, { error: 'proto: syntax error' });
    }
    const path = req.url ?? '';
    requests.push({ path, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
    if (req.headers.authorization !== `Bearer ${opts.apiKey}`) return sendJson(res, 401, { error: 'Unauthorized', message: 'invalid API key' });
    const failure = failures.shift();
    if (failure !== undefined) return sendJson(res, failure, { error: `status ${failure}` });
    if (path === '/messaging/v1/SendSMS') {
      const answer = sms.sendSms(body);
      return sendJson(res, answer.status, answer.body);
    }
    if (!Number.isSafeInteger(body.number_code)) return sendJson(res, 400, { error: 'proto: (line 1:16): invalid value for uint64 type' });
    switch (path) {
      case '/number/v1/SetCallForwarding':
        if (![1, 2, 3, 4].includes(body.call_forwarding_type)) return sendJson(res, 400, { error: 'invalid call_forwarding_type' });
        if (body.call_forwarding_type === 1 && !/^[^@\s]+@[^:\s]+:\d+$/.test(body.call_forwarding_sip?.sip_uri ?? '')) {
          return sendJson(res, 400, { error: 'sip_uri must be {user}@{domain}:{port}' });
        }
        forwarding.set(body.number_code, body);
        return sendJson(res, 200, {});
      case '/number/v1/DeleteCallForwarding':
        forwarding.delete(body.number_code);
        return sendJson(res, 200, {});
      case '/call/v1/MakeCallback':
        if (!Number.isSafeInteger(body.callback_resource_id) || !body.line_1?.destinations?.length || !body.line_2?.destinations?.length) {
          return sendJson(res, 400, { error: 'callback_resource_id, line_1 and line_2 are required' });
        }
        return sendJson(res, 200, { call_id: String(++callSeq) });
      default:
        return sendJson(res, 404, { error: 'not found' });
    }
  });

  return { ...local, requests, forwarding, failNext: (status) => void failures.push(status), sms };
}
