import { CrmError, crmJson } from './http.ts';
import { leadTitle, noteText, type CrmCallFacts } from './facts.ts';

/** amoCRM API v4: "no more than 7 requests a second per integration" (kept with a margin); 429 past it. */
const AMO_RATE = [{ count: 6, windowMs: 1_000 }];

export interface AmoTokens {
  access: string;
  refresh: string;
  /** Epoch ms. */
  expiresAt: number;
}
export interface AmoApp {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}
/** Mapping set through the API: the pipeline, the status per call outcome, our fields → amoCRM custom field ids. */
export interface AmoSettings {
  pipeline_id?: number;
  statuses?: Record<string, number>;
  fields?: Record<string, number>;
  responsible_user_id?: number;
}
/** What amoCRM already holds for a call (kept between attempts). */
export interface AmoProgress {
  contact_id?: number;
  lead_id?: number;
  note_id?: number;
}

const describe = (_s: number, b: unknown) => {
  const e = b as { title?: string; detail?: string; hint?: string } | null;
  return [e?.title, e?.detail ?? e?.hint].filter(Boolean).join(': ') || 'no details';
};

/** `POST /oauth2/access_token`: the authorization code or a refresh token for a new pair (refresh tokens rotate). */
export async function amoToken(app: AmoApp, grant: { code: string } | { refresh: string }): Promise<AmoTokens> {
  const body = {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    redirect_uri: app.redirectUri,
    ...('code' in grant ? { grant_type: 'authorization_code', code: grant.code } : { grant_type: 'refresh_token', refresh_token: grant.refresh }),
  };
  const t = (await crmJson(`${app.baseUrl}/oauth2/access_token`, { method: 'POST', body }, AMO_RATE, describe)) as { access_token?: string; refresh_token?: string; expires_in?: number };
  if (!t?.access_token || !t.refresh_token) throw new CrmError('amoCRM answered no tokens', false);
  return { access: t.access_token, refresh: t.refresh_token, expiresAt: Date.now() + (t.expires_in ?? 86_400) * 1000 };
}

/**
 * amoCRM for one company: requests carry the access token, refreshed a minute before it expires and once more when a
 * request answers 401 (a token revoked or expired mid-delivery); every new pair goes to `saveTokens` at once, since
 * the old refresh token stops working.
 */
export class AmoCrm {
  constructor(
    private readonly app: AmoApp,
    private tokens: AmoTokens,
    private readonly saveTokens: (t: AmoTokens) => Promise<void>,
  ) {}

  async #refresh(): Promise<void> {
    this.tokens = await amoToken(this.app, { refresh: this.tokens.refresh });
    await this.saveTokens(this.tokens);
  }

  async request(method: string, path: string, body?: unknown): Promise<any> {
    if (this.tokens.expiresAt - 60_000 <= Date.now()) await this.#refresh();
    const send = () => crmJson(`${this.app.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${this.tokens.access}` }, body }, AMO_RATE, describe);
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof CrmError && e.expired)) throw e;
      await this.#refresh();
      return send();
    }
  }

  /** `GET /api/v4/account`: the connection test. */
  async account(): Promise<{ id: number; name: string }> {
    return this.request('GET', '/api/v4/account');
  }

  /**
   * The call into amoCRM: the contact by phone (found or made), a lead in the configured pipeline with the status for
   * the outcome and the mapped fields, and a note with the summary and the links. Each step is skipped when
   * `progress` shows it done; `save` is called after every step.
   */
  async deliver(f: CrmCallFacts, s: AmoSettings, progress: AmoProgress, save: (p: AmoProgress) => Promise<void>): Promise<AmoProgress> {
    const p = { ...progress };
    if (!p.contact_id && f.phone) {
      const found = await this.request('GET', `/api/v4/contacts?${new URLSearchParams({ query: f.phone.replace(/\D/g, '') })}`);
      p.contact_id = found?._embedded?.contacts?.[0]?.id;
      if (!p.contact_id) {
        const made = await this.request('POST', '/api/v4/contacts', [{
          name: f.name ?? f.phone,
          custom_fields_values: [{ field_code: 'PHONE', values: [{ value: f.phone, enum_code: 'WORK' }] }],
        }]);
        p.contact_id = made?._embedded?.contacts?.[0]?.id;
      }
      await save(p);
    }
    if (!p.lead_id) {
      const title = leadTitle(f);
      // a lead made by an attempt that died before saving its id is found by the call id in its name
      const existing = await this.request('GET', `/api/v4/leads?${new URLSearchParams({ query: f.callId })}`);
      p.lead_id = existing?._embedded?.leads?.find((l: { name?: string }) => l.name === title)?.id;
      if (!p.lead_id) {
        const status = f.outcome ? s.statuses?.[f.outcome] : undefined;
        const custom = Object.entries(s.fields ?? {}).flatMap(([ours, fieldId]) => (f.fields[ours] ? [{ field_id: fieldId, values: [{ value: f.fields[ours] }] }] : []));
        const made = await this.request('POST', '/api/v4/leads', [{
          name: title,
          ...(s.pipeline_id ? { pipeline_id: s.pipeline_id } : {}),
          ...(status ? { status_id: status } : {}),
          ...(s.responsible_user_id ? { responsible_user_id: s.responsible_user_id } : {}),
          ...(custom.length ? { custom_fields_values: custom } : {}),
          ...(p.contact_id ? { _embedded: { contacts: [{ id: p.contact_id }] } } : {}),
        }]);
        p.lead_id = made?._embedded?.leads?.[0]?.id;
        if (!p.lead_id) throw new CrmError('amoCRM made no lead', true);
      }
      await save(p);
    }
    if (!p.note_id) {
      const made = await this.request('POST', `/api/v4/leads/${p.lead_id}/notes`, [{ note_type: 'common', params: { text: noteText(f) } }]);
      p.note_id = made?._embedded?.notes?.[0]?.id ?? -1;
      await save(p);
    }
    return p;
  }
}
