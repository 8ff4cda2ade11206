import { CrmError, crmJson } from './http.ts';
import { leadTitle, noteText, type CrmCallFacts } from './facts.ts';

/**
 * Bitrix24 REST: a leaky bucket per portal of 50 requests draining 2 a second, QUERY_LIMIT_EXCEEDED past it; kept
 * as at most 40 requests in any 20 s (bursts pass, the average stays at 2 a second).
 */
const BITRIX_RATE = [{ count: 40, windowMs: 20_000 }];

/** Mapping set through the API. `user_id` is the employee the call is registered to in telephony. */
export interface BitrixSettings {
  entity?: 'lead' | 'deal';
  user_id?: number;
  statuses?: Record<string, string>;
  category_id?: number;
  fields?: Record<string, string>;
}
export interface BitrixProgress {
  contact_id?: number;
  entity_id?: number;
  comment_id?: number;
  call_id?: string;
  finished?: boolean;
}

const describe = (_s: number, b: unknown) => {
  const e = b as { error?: string; error_description?: string } | null;
  return [e?.error, e?.error_description].filter(Boolean).join(': ') || 'no details';
};

/** Call outcome → `telephony.externalcall.finish` STATUS_CODE (SIP-like: 200 answered, 304 missed). */
const statusCode = (f: CrmCallFacts) => (f.durationSeconds > 0 ? '200' : '304');

/**
 * Bitrix24 through an incoming webhook URL (`https://<portal>/rest/<user>/<token>/`): methods are POSTed as JSON to
 * `<webhook><method>.json`. A wrong or revoked webhook (401) is final; QUERY_LIMIT_EXCEEDED (503) and 5xx retry.
 */
export class Bitrix24 {
  constructor(private readonly webhook: string) {}

  async call(method: string, params: Record<string, unknown>): Promise<any> {
    const body = (await crmJson(`${this.webhook.replace(/\/?$/, '/')}${method}.json`, { method: 'POST', body: params }, BITRIX_RATE, describe)) as { result?: unknown };
    return body?.result;
  }

  /** `profile`: the connection test (the webhook's user). */
  profile(): Promise<{ ID: string; NAME?: string; LAST_NAME?: string }> {
    return this.call('profile', {});
  }

  /**
   * The call into Bitrix24: the contact by phone (`crm.duplicate.findbycomm`, else `crm.contact.add`), a lead or deal
   * with the mapped status and fields, a timeline comment with the summary, and the call itself through
   * `telephony.externalcall.register` / `finish` (duration, status, the recording) so it shows as a call.
   */
  async deliver(f: CrmCallFacts, s: BitrixSettings, progress: BitrixProgress, save: (p: BitrixProgress) => Promise<void>): Promise<BitrixProgress> {
    const p = { ...progress };
    const entity = s.entity ?? 'lead';
    const phone = f.phone ? [{ VALUE: f.phone, VALUE_TYPE: 'WORK' }] : undefined;
    if (!p.contact_id && f.phone) {
      const dup = await this.call('crm.duplicate.findbycomm', { entity_type: 'CONTACT', type: 'PHONE', values: [f.phone] });
      p.contact_id = dup?.CONTACT?.[0] ?? (await this.call('crm.contact.add', { fields: { NAME: f.name ?? f.phone, PHONE: phone, SOURCE_ID: 'CALL' } }));
      await save(p);
    }
    if (!p.entity_id) {
      const status = f.outcome ? s.statuses?.[f.outcome] : undefined;
      const mapped = Object.fromEntries(Object.entries(s.fields ?? {}).flatMap(([ours, theirs]) => (f.fields[ours] ? [[theirs, f.fields[ours]]] : [])));
      const fields = entity === 'lead'
        ? { TITLE: leadTitle(f), NAME: f.name ?? undefined, PHONE: phone, SOURCE_ID: 'CALL', COMMENTS: f.summary, ...(status ? { STATUS_ID: status } : {}), ...(p.contact_id ? { CONTACT_ID: p.contact_id } : {}), ...mapped }
        : { TITLE: leadTitle(f), SOURCE_ID: 'CALL', COMMENTS: f.summary, ...(s.category_id !== undefined ? { CATEGORY_ID: s.category_id } : {}), ...(status ? { STAGE_ID: status } : {}), ...(p.contact_id ? { CONTACT_ID: p.contact_id } : {}), ...mapped };
      p.entity_id = Number(await this.call(entity === 'lead' ? 'crm.lead.add' : 'crm.deal.add', { fields }));
      if (!p.entity_id) throw new CrmError(`Bitrix24 made no ${entity}`, true);
      await save(p);
    }
    if (!p.comment_id) {
      p.comment_id = Number(await this.call('crm.timeline.comment.add', { fields: { ENTITY_ID: p.entity_id, ENTITY_TYPE: entity, COMMENT: noteText(f) } }));
      await save(p);
    }
    if (s.user_id && f.phone && !p.call_id) {
      const reg = await this.call('telephony.externalcall.register', {
        USER_ID: s.user_id,
        PHONE_NUMBER: f.phone,
        CALL_START_DATE: new Date(f.startedAt).toISOString(),
        TYPE: 2, // incoming
        CRM_CREATE: 0,
        CRM_ENTITY_TYPE: entity.toUpperCase(),
        CRM_ENTITY_ID: p.entity_id,
        SHOW: 0,
      });
      p.call_id = reg?.CALL_ID;
      await save(p);
    }
    if (p.call_id && !p.finished) {
      await this.call('telephony.externalcall.finish', {
        CALL_ID: p.call_id,
        USER_ID: s.user_id,
        DURATION: f.durationSeconds,
        STATUS_CODE: statusCode(f),
        ADD_TO_CHAT: 0,
        ...(f.recordingUrl ? { RECORD_URL: f.recordingUrl } : {}),
      });
      p.finished = true;
      await save(p);
    }
    return p;
  }
}
