import { api, createCompanyWithBot } from './support.ts';

/**
 * A Saturday nine to ten weeks ahead of the real today: far enough that "now" never hides its slots, and inside
 * the two-year booking horizon the API keeps to.
 */
export const SAT = (() => {
  const d = new Date(Date.now() + 63 * 86_400_000);
  d.setUTCDate(d.getUTCDate() + ((6 - d.getUTCDay() + 7) % 7));
  return d.toISOString().slice(0, 10);
})();
/** `n` days after SAT (`YYYY-MM-DD`). */
export const afterSat = (n: number) => new Date(Date.parse(`${SAT}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const WEEK = { mon: { open: '10:00', close: '19:00' }, tue: { open: '10:00', close: '19:00' }, wed: { open: '10:00', close: '19:00' }, thu: { open: '10:00', close: '19:00' }, fri: { open: '10:00', close: '19:00' }, sat: { open: '10:00', close: '19:00' }, sun: null };

/** A salon bot with manicure (60 min) and a women's haircut (90 min), Ольга doing both and Марина manicure only, Mon–Sat 10–19. */
export async function salonWithCalendar() {
  const { company, bot } = await createCompanyWithBot();
  const key = company.key;
  const mani = await api('POST', `/bots/${bot.id}/services`, { key, body: { name: 'Маникюр', synonyms: ['ногти'], duration_min: 60, price: 1500 } });
  const cut = await api('POST', `/bots/${bot.id}/services`, { key, body: { name: 'Женская стрижка', synonyms: ['стрижка', 'подстричься'], duration_min: 90, price: 2000 } });
  const olga = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Ольга', service_ids: [mani.body.id, cut.body.id] } });
  const marina = await api('POST', `/bots/${bot.id}/staff`, { key, body: { name: 'Марина', service_ids: [mani.body.id] } });
  for (const s of [olga, marina]) {
    const res = await api('PUT', `/bots/${bot.id}/staff/${s.body.id}/hours`, { key, body: WEEK });
    if (res.status !== 200) throw new Error(`hours: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { company, bot, key, services: { mani: mani.body.id as string, cut: cut.body.id as string }, staff: { olga: olga.body.id as string, marina: marina.body.id as string } };
}
