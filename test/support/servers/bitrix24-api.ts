/**
 * Bitrix24 REST through an incoming webhook (`https://<portal>/rest/<user>/<token>/<method>.json`, apidocs.bitrix24.ru)
 * as a plain function for the Worker tests' stubbed fetch; no Node imports. Methods: `profile`,
 * `crm.duplicate.findbycomm`, `crm.contact.add`, `crm.lead.add`, `crm.deal.add`, `crm.timeline.comment.add`,
 * `telephony.externalcall.register`, `telephony.externalcall.finish`. Answers `{ result, time }`; errors
 * `{ error, error_description }`: 401 NO_AUTH_FOUND for a wrong webhook token, 503 QUERY_LIMIT_EXCEEDED past
 * 2 requests a second (or on demand), 400 for missing required parameters.
 */
export interface BitrixApi {
  calls: { method: string; params: any }[];
  contacts: { ID: number; fields: any }[];
  leads: { ID: number; fields: any }[];
  deals: { ID: number; fields: any }[];
  comments: { fields: any }[];
  telephony: { CALL_ID: string; register: any; finish?: any }[];
  limitNext(n: number): void;
  down: boolean;
  handle(req: { method: string; url: string; body: string }): { status: number; body: unknown };
}

export function bitrix24Api(o: { userId: number; token: string }): BitrixApi {
  const api: BitrixApi = { calls: [], contacts: [], leads: [], deals: [], comments: [], telephony: [], down: false, limitNext: (n) => void (limited = n), handle };
  let limited = 0;
  const ok = (result: unknown) => ({ status: 200, body: { result, time: { start: 0, finish: 0, duration: 0.01 } } });
  const err = (status: number, error: string, error_description: string) => ({ status, body: { error, error_description } });
  function handle(req: { method: string; url: string; body: string }) {
    const m = /\/rest\/(\d+)\/([^/]+)\/([a-z0-9_.]+)\.json$/i.exec(new URL(req.url).pathname);
    if (!m) return err(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
    const params = req.body ? JSON.parse(req.body) : {};
    api.calls.push({ method: m[3]!, params });
    if (api.down) return err(503, 'INTERNAL_SERVER_ERROR', 'Service temporarily unavailable');
    if (Number(m[1]) !== o.userId || m[2] !== o.token) return err(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
    if (limited > 0) return (limited--, err(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
    const f = params.fields ?? {};
    switch (m[3]) {
      case 'profile':
        return ok({ ID: String(o.userId), ADMIN: true, NAME: 'Анна', LAST_NAME: 'Владелец' });
      case 'crm.duplicate.findbycomm': {
        const digits = (params.values ?? []).map((v: string) => v.replace(/\D/g, '').slice(-10));
        const ids = api.contacts.filter((c) => digits.includes(String(c.fields.PHONE?.[0]?.VALUE ?? '').replace(/\D/g, '').slice(-10))).map((c) => c.ID);
        return ok(ids.length ? { CONTACT: ids } : []);
      }
      case 'crm.contact.add': {
        const ID = 300 + api.contacts.length + 1;
        api.contacts.push({ ID, fields: f });
        return ok(ID);
      }
      case 'crm.lead.add':
      case 'crm.deal.add': {
        if (!f.TITLE) return err(400, 'ERROR_CORE', 'TITLE is required');
        const list = m[3] === 'crm.lead.add' ? api.leads : api.deals;
        const ID = (m[3] === 'crm.lead.add' ? 500 : 800) + list.length + 1;
        list.push({ ID, fields: f });
        return ok(ID);
      }
      case 'crm.timeline.comment.add':
        if (!f.ENTITY_ID || !f.ENTITY_TYPE || !f.COMMENT) return err(400, 'ERROR_ARGUMENT', 'ENTITY_ID, ENTITY_TYPE and COMMENT are required');
        api.comments.push({ fields: f });
        return ok(900 + api.comments.length);
      case 'telephony.externalcall.register': {
        for (const k of ['USER_ID', 'PHONE_NUMBER', 'TYPE']) if (params[k] === undefined) return err(400, 'ERROR_ARGUMENT', `${k} is required`);
        const CALL_ID = `externalCall.${api.telephony.length + 1}`;
        api.telephony.push({ CALL_ID, register: params });
        return ok({ CALL_ID, CRM_CREATED_LEAD: null, CRM_ENTITY_TYPE: params.CRM_ENTITY_TYPE ?? null, CRM_ENTITY_ID: params.CRM_ENTITY_ID ?? null });
      }
      case 'telephony.externalcall.finish': {
        const call = api.telephony.find((c) => c.CALL_ID === params.CALL_ID);
        if (!call) return err(400, 'ERROR_NOT_FOUND', 'Call not found');
        if (params.USER_ID === undefined || params.DURATION === undefined) return err(400, 'ERROR_ARGUMENT', 'USER_ID and DURATION are required');
        call.finish = params;
        return ok({ CALL_ID: params.CALL_ID, DURATION: params.DURATION, STATUS_CODE: params.STATUS_CODE ?? '200' });
      }
    }
    return err(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!');
  }
  return api;
}
