import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, SERVICE_TOKEN } from './support.ts';
import { afterSat, SAT, salonWithCalendar } from './booking-support.ts';

// D1 binds at most 100 parameters per statement: every list below once answered 500 past ~100 rows.
const N = 1_000;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${String(i).padStart(4, '0')}`);

async function insertMany(sql: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await env.DB.batch(rows.slice(i, i + 500).map((r) => env.DB.prepare(sql).bind(...r)));
  }
}

/** `n` services and `n` staff of the bot written straight to D1 (the API would take minutes for a thousand). */
async function manyServicesAndStaff(companyId: string, botId: string, n: number, tag: string) {
  const services = ids(`svc_${tag}`, n);
  const staff = ids(`stf_${tag}`, n);
  await insertMany('INSERT INTO booking_services (id, company_id, bot_id, name, duration_min) VALUES (?, ?, ?, ?, 30)', services.map((id, i) => [id, companyId, botId, `услуга ${i}`]));
  await insertMany('INSERT INTO booking_staff (id, company_id, bot_id, name) VALUES (?, ?, ?, ?)', staff.map((id, i) => [id, companyId, botId, `мастер ${i}`]));
  return { services, staff };
}

/** `n` confirmed appointments on different days, each with its own staff member and service. */
async function manyAppointments(companyId: string, botId: string, n: number, tag: string, phone: string) {
  const { services, staff } = await manyServicesAndStaff(companyId, botId, n, tag);
  const day = (i: number) => afterSat(Math.floor(i / 8));
  await insertMany(
    `INSERT INTO calendar_bookings (id, company_id, bot_id, service_id, staff_id, date, start_min, end_min, status, phone, source, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, 'api', 0)`,
    ids(`bkg_${tag}`, n).map((id, i) => [id, companyId, botId, services[i], staff[i], day(i), 600 + (i % 8) * 60, 630 + (i % 8) * 60, phone]),
  );
}

describe('hardening: lists and lookups past D1’s 100 bound parameters', { timeout: 120_000 }, () => {
  it('lists a thousand appointments with their service and staff names', async () => {
    const { bot, key } = await salonWithCalendar();
    const companyId = (await api('GET', `/bots/${bot.id}`, { key })).body.company_id as string;
    await manyAppointments(companyId, bot.id, N, 'list', '+79160000001');
    const res = await api('GET', `/bots/${bot.id}/appointments?from=${SAT}`, { key });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.appointments).toHaveLength(N);
    const last = res.body.appointments[N - 1];
    expect(last.service).toBe('услуга 999');
    expect(Object.values(last)).toContain('мастер 999'); // the staff member's name (its key's casing is the wire format's business)
  });

  it('finds a thousand upcoming bookings by the caller’s phone', async () => {
    const { bot, key } = await salonWithCalendar();
    const companyId = (await api('GET', `/bots/${bot.id}`, { key })).body.company_id as string;
    await manyAppointments(companyId, bot.id, N, 'phone', '+79165550011');
    const res = await api('GET', `/internal/bots/${bot.id}/bookings?phone=${encodeURIComponent('8 916 555-00-11')}`, { key: SERVICE_TOKEN });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.bookings).toHaveLength(N);
    expect(new Set(res.body.bookings.map((b: { service: string }) => b.service)).size).toBe(N);
  });

  it('lists a thousand staff members with their services', async () => {
    const { bot, key } = await salonWithCalendar();
    const companyId = (await api('GET', `/bots/${bot.id}`, { key })).body.company_id as string;
    const { services, staff } = await manyServicesAndStaff(companyId, bot.id, N, 'staff');
    await insertMany('INSERT INTO booking_staff_services (staff_id, service_id) VALUES (?, ?)', staff.map((s, i) => [s, services[i]]));
    const res = await api('GET', `/bots/${bot.id}/staff`, { key });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.staff).toHaveLength(N + 2);
    expect(res.body.staff.find((s: { id: string }) => s.id === staff[N - 1])).toMatchObject({ name: 'мастер 999', service_ids: [services[N - 1]] });
  });

  it('creates and re-links a staff member doing the 500 services the schema allows', async () => {
    const { bot, key } = await salonWithCalendar();
    const companyId = (await api('GET', `/bots/${bot.id}`, { key })).body.company_id as string;
    const { services } = await manyServicesAndStaff(companyId, bot.id, 500, 'wide');
    const created = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Универсал', service_ids: services } });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    expect(created.body.service_ids).toHaveLength(500);
    const patched = await api('PATCH', `/bots/${bot.id}/staff/${created.body.id}`, { key, body: { service_ids: [...services].reverse() } });
    expect(patched.status, JSON.stringify(patched.body).slice(0, 300)).toBe(200);
    expect(new Set(patched.body.service_ids)).toEqual(new Set(services));
    const unknown = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Новенькая', service_ids: [...services.slice(0, 450), 'svc_nope'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ path: 'json.service_ids', message: 'no service svc_nope' }]);
  });
});
