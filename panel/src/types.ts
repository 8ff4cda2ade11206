// Shapes of the public API answers the panel reads (see /openapi.json).

export interface Session {
  user: { id: string; email: string; name: string | null; role: 'admin' | 'member' };
  company: { id: string; name: string };
  csrf_token: string;
  features?: { voice_call: boolean };
}

export interface Bot {
  id: string;
  slug: string;
  name: string;
  config_version: number;
  config: Record<string, unknown>;
}

export interface CallSummary {
  id: string;
  bot_id: string;
  started_at: string;
  duration_ms: number;
  caller_number: string | null;
  channel: string;
  status: string;
  outcome: string | null;
  summary: string | null;
  turn_count: number;
}

export interface CallDetail extends CallSummary {
  transcript: { role: string; text: string; at: string }[];
  fields: Record<string, unknown>;
  scenario: string | null;
  ended_by: string;
  booking: { service: string | null; date: string | null; time: string | null; phone: string | null; name: string | null } | null;
  lead: { name: string | null; phone: string | null; intent: string | null } | null;
  recording: { url: string; expires_at: string } | null;
}

export interface Appointment {
  id: string;
  service: string;
  date: string;
  time: string;
  staff_name?: string | null;
  staffName?: string | null;
  phone: string | null;
  status: 'confirmed' | 'cancelled';
  call_id: string | null;
  source: string;
}

export interface Service {
  id: string;
  name: string;
  duration_min: number;
  price: number | null;
}

export interface Staff {
  id: string;
  name: string;
  service_ids: string[];
}

export interface KnowledgeDoc {
  id: string;
  filename: string;
  format: string;
  size_bytes: number;
  status: 'pending' | 'processing' | 'ready' | 'failed';
  error: string | null;
  chunk_count: number;
  created_at: string;
}
