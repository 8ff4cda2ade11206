import { describe, expect, it } from 'vitest';
import { parseBotConfigText, validateBotConfig } from '../../../core/config/index.ts';

const base = (extra: string) => `
bot_id: "salon-test"
voice_id: "v"
greeting: "Здравствуйте!"
fallback: "Не поняла"
scenarios: [{ name: "support", trigger_keywords: ["вопрос"], use_knowledge_base: true }]
${extra}`;

describe('business_hours and handoff in a config', () => {
  it('keeps the old single range valid: every day the same', () => {
    const r = parseBotConfigText(base('business_hours: { open: "09:00", close: "21:00" }'));
    expect(r.ok && r.config.business_hours).toMatchObject({ open: '09:00', close: '21:00' });
    expect(r.ok && r.config.business_hours.days.every((d) => d?.open === '09:00' && d.close === '21:00')).toBe(true);
  });

  it('reads a weekly table with ranges of days and closed days; open/close span the week', () => {
    const r = parseBotConfigText(base('business_hours: { mon-fri: "9:00-21:00", sat: "10:00–18:00", sun: выходной }'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.config.business_hours.days).toEqual([
      ...Array(5).fill({ open: '09:00', close: '21:00' }),
      { open: '10:00', close: '18:00' },
      null,
    ]);
    expect(r.config.business_hours).toMatchObject({ open: '09:00', close: '21:00' });
    // A stored config (the normalized form) validates again unchanged.
    const again = validateBotConfig(JSON.parse(JSON.stringify(r.config)));
    expect(again.ok && again.config.business_hours).toEqual(r.config.business_hours);
  });

  it('names each bad day, an unknown key and a bad handoff target', () => {
    const r = parseBotConfigText(base('business_hours: { mon: "21:00-09:00", someday: "10:00-11:00" }\nhandoff: { to: "администратор" }'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['business_hours.mon', 'business_hours.someday', 'handoff.to']));
  });

  it('accepts a phone or a SIP URI to hand over to, with its own hours', () => {
    const phone = parseBotConfigText(base('handoff: { to: "+74951234567", hours: { weekdays: "10:00-19:00" }, phrase: "Соединяю" }'));
    expect(phone.ok && phone.config.handoff?.hours?.days[5]).toBeNull();
    expect(parseBotConfigText(base('handoff: { to: "sip:reception@clinic.ru" }')).ok).toBe(true);
  });

  it('checks number ranges and patterns of fields', () => {
    const field = (f: string) =>
      base(`scenarios: [{ name: "b", trigger_keywords: ["запись"], collect_fields: [${f}] }]`).replace(/scenarios: \[\{ name: "support".*\n/, '');
    const bad = parseBotConfigText(field('{ name: "age", prompt: "Возраст?", type: number, min: 10, max: 1 }'));
    expect(!bad.ok && bad.issues[0]?.path).toBe('scenarios.0.collect_fields.0.max');
    const badPattern = parseBotConfigText(field('{ name: "vin", prompt: "VIN?", pattern: "([A-Z" }'));
    expect(!badPattern.ok && badPattern.issues[0]?.message).toContain('pattern');
  });
});
