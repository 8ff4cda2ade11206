// The demo salon's built-in calendar for `npm start`: services from a price list, two masters, real bookings.
import type { BotConfig } from '../core/config/bot-config.ts';
import { extractDates } from '../core/parse/index.ts';

const PRICE_LIST = 'Услуга;Длительность;Цена;Синонимы\nМаникюр;60;1500;ногти|маникюрчик\nПедикюр;90;2200;ноги\nЖенская стрижка;90;2000;стрижка|подстричься\nОкрашивание;120;4000;покраска|покрасить\n';
const WEEK = { open: '10:00', close: '20:00' };
const BOOKING_YAML = '\nbooking:\n  provider: builtin\n';

async function call(url: string, method: string, path: string, key: string, body?: unknown, type = 'application/json') {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

/**
 * Turns on real bookings for the demo salon bot (its config gets `booking: { provider: builtin }`) and fills its
 * calendar once: services from a CSV price list and two masters, Ольга and Марина, Mon–Sat 10–20.
 */
export async function seedDemoCalendar(url: string, key: string, botId: string, configYaml: string): Promise<void> {
  const services = await call(url, 'GET', `/bots/${botId}/services`, key);
  if (services.status === 200 && services.json.services.length > 0) return;
  const put = await call(url, 'PUT', `/bots/${botId}/config`, key, configYaml + BOOKING_YAML, 'application/yaml');
  if (put.status !== 200) throw new Error(`demo calendar: config update failed: ${JSON.stringify(put.json)}`);
  await call(url, 'POST', `/bots/${botId}/services/import`, key, PRICE_LIST, 'text/csv');
  const ids = (await call(url, 'GET', `/bots/${botId}/services`, key)).json.services.map((s: { id: string }) => s.id);
  for (const [name, does] of [['Ольга', ids], ['Марина', ids.slice(0, 2)]] as const) {
    const staff = await call(url, 'POST', `/bots/${botId}/staff`, key, { name, service_ids: does });
    await call(url, 'PUT', `/bots/${botId}/staff/${staff.json.id}/hours`, key, { mon: WEEK, tue: WEEK, wed: WEEK, thu: WEEK, fri: WEEK, sat: WEEK });
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
    console.log(`  ${a.time}  ${a.service.padEnd(16)} ${String(a.staffName ?? '').padEnd(7)} ${a.phone ?? ''}  ${a.call_id ? `call ${a.call_id}` : '(API)'}`);
  }
}
