import type { CallRow } from '../postcall/call-facts.ts';

/** What a CRM gets about one call, whatever the CRM. */
export interface CrmCallFacts {
  callId: string;
  phone: string | null;
  name: string | null;
  outcome: string | null;
  summary: string;
  startedAt: number;
  durationSeconds: number;
  /** Our fields (service, date, time, …) by name, for the configured field mapping. */
  fields: Record<string, string>;
  /** Where the call is seen in the API/panel. */
  link: string;
  /** A signed link to the recording, when there is one. */
  recordingUrl: string | null;
}

const str = (v: unknown) => (v === undefined || v === null || String(v).trim() === '' ? null : String(v));

export function crmFacts(call: CallRow, link: string, recordingUrl: string | null): CrmCallFacts {
  const raw = JSON.parse(call.fieldsJson || '{}') as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (str(v) ? [[k, str(v)!]] : [])));
  const phone = str(raw.phone) ?? call.callerNumber ?? null;
  return {
    callId: call.id,
    phone: phone && /^\+?\d{10,15}$/.test(phone.replace(/[\s()-]/g, '')) ? `+${phone.replace(/\D/g, '')}` : null,
    name: str(raw.name),
    outcome: call.outcome,
    summary: call.summary ?? '',
    startedAt: call.startedAt,
    durationSeconds: Math.max(0, Math.round(call.durationMs / 1000)),
    fields,
    link,
    recordingUrl,
  };
}

/** The title of the lead a call makes; it names the call id, so a retry finds the lead it already made. */
export const leadTitle = (f: CrmCallFacts) => `Звонок ${f.phone ?? 'без номера'} · ${f.callId}`;

export function noteText(f: CrmCallFacts): string {
  return [f.summary || 'Звонок обработан ботом.', f.outcome ? `Итог: ${f.outcome}` : null, `Звонок: ${f.link}`, f.recordingUrl ? `Запись: ${f.recordingUrl}` : null]
    .filter(Boolean)
    .join('\n');
}
