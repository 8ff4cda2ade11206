import { SELF } from 'cloudflare:test';
import carService from '../../scenarios/car-service.yaml?raw';
import dentalClinic from '../../scenarios/dental-clinic.yaml?raw';
import salon from '../../scenarios/salon-bot-1.yaml?raw';

export const ADMIN_KEY = 'test-admin-key';
export const SERVICE_TOKEN = 'test-agent-token';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * One HTTP round-trip through the Worker's real fetch handler.
 * `body` objects are sent as JSON; strings as-is (set content-type yourself).
 */
export async function api<T = any>(
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: BodyInit | undefined;
  if (typeof opts.body === 'string' || opts.body instanceof Uint8Array || opts.body instanceof FormData) body = opts.body as BodyInit;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await SELF.fetch(`http://api.test${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* non-JSON body stays text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

const SCENARIOS: Record<string, string> = { 'salon-bot-1.yaml': salon, 'dental-clinic.yaml': dentalClinic, 'car-service.yaml': carService };

/** The text of a bundled example config from scenarios/. */
export function scenarioText(name: string): string {
  const text = SCENARIOS[name];
  if (!text) throw new Error(`unknown scenario ${name}`);
  return text;
}

/** A fresh company with its first key. */
export async function createCompany(name = 'Салон красоты Элегант') {
  const res = await api('POST', '/companies', { key: ADMIN_KEY, body: { name } });
  if (res.status !== 201) throw new Error(`createCompany: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.company.id as string, key: res.body.api_key.key as string };
}

/** A fresh company with a bot created from `scenarios/<file>`. */
export async function createCompanyWithBot(file = 'salon-bot-1.yaml') {
  const company = await createCompany();
  const res = await api('POST', '/bots', { key: company.key, body: scenarioText(file), headers: { 'content-type': 'application/yaml' } });
  if (res.status !== 201) throw new Error(`createBot: ${res.status} ${JSON.stringify(res.body)}`);
  return { company, bot: res.body as { id: string; slug: string; config_version: number } };
}
