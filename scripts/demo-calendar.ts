// The demo salon's built-in calendar for `npm start`: the services of its own price list, two masters, real bookings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { BotConfig } from '../core/config/bot-config.ts';
import { extractDates } from '../core/parse/index.ts';

async function call(url: string, method: string, path: string, key: string, body?: unknown, type = 'application/json') {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/**
 * Fills the demo bot's calendar once, from the shipped files only: services imported from the price list its
 * knowledge base holds (`scenarios/knowledge/<bot_id>/prices.csv`), and two masters — Ольга (everything) and Марина
 * (nails) — working the config's own `business_hours`, sent in the config's schedule form.
 */
export async function seedDemoCalendar(url: string, key: string, botId: string, root: string, configFile: string): Promise<void> {
  const services = await call(url, 'GET', `/bots/${botId}/services`, key);
  if (services.status === 200 && services.json.services.length > 0) return;
  const raw = parseYaml(readFileSync(join(root, 'scenarios', configFile), 'utf8')) as { bot_id: string; business_hours: unknown };
  const prices = readFileSync(join(root, 'scenarios', 'knowledge', raw.bot_id, 'prices.csv'), 'utf8');
  const imported = await call(url, 'POST', `/bots/${botId}/services/import`, key, prices, 'text/csv');
  if (imported.status >= 300) throw new Error(`demo calendar: price list import failed: ${JSON.stringify(imported.json)}`);
  for (const [name, does] of [['Ольга', null], ['Марина', ['Маникюр классический', 'Маникюр с покрытием гель-лаком', 'Педикюр']]] as const) {
    const all = (await call(url, 'GET', `/bots/${botId}/services`, key)).json.services.map((s: { id: string }) => s.id);
    const staff = await call(url, 'POST', `/bots/${botId}/staff`, key, does ? { name, services: does } : { name, service_ids: all });
    if (staff.status !== 201) throw new Error(`demo calendar: staff ${name}: ${JSON.stringify(staff.json)}`);
    const hours = await call(url, 'PUT', `/bots/${botId}/staff/${staff.json.id}/hours`, key, raw.business_hours);
    if (hours.status !== 200) throw new Error(`demo calendar: hours of ${name}: ${JSON.stringify(hours.json)}`);
  }
}

/** The date a caller means by `words` now ("в пятницу"), as the engine reads it. */
export function demoDate(config: BotConfig, words: string, now = new Date()): string {
  const date = extractDates(words, { now, timezone: config.timezone, businessHours: config.business_hours })[0]?.value;
  if (!date) throw new Error(`demo: "${words}" is no date`);
  return date;
}

/** Another client takes `time` on `date` with every master, so the demo call meets a taken slot. */
export async function takeDemoSlot(url: string, key: string, botId: string, date: string, time: string): Promise<void> {
  for (const staff of ['Ольга', 'Марина']) {
    await call(url, 'POST', `/bots/${botId}/appointments`, key, { service: 'маникюр', date, time, staff, name: 'Другой клиент', phone: '+79990000000' });
  }
}

/** Prints the day of the built-in calendar, as `GET /bots/{id}/appointments` returns it. */
export async function printCalendar(url: string, key: string, botId: string, date: string): Promise<void> {
  const res = await call(url, 'GET', `/bots/${botId}/appointments?from=${date}&to=${date}&status=confirmed`, key);
  console.log(`\n• the built-in calendar on ${date} (GET /bots/${botId}/appointments):`);
  for (const a of res.json?.appointments ?? []) {
    console.log(`  ${a.time}  ${a.service.padEnd(22)} ${String(a.staff_name ?? '').padEnd(7)} ${a.phone ?? ''}  ${a.call_id ? `call ${a.call_id}` : '(API)'}`);
  }
}
