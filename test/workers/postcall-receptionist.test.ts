import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { callResult, message, runQueue, seedCall, stubNetwork } from './postcall-support.ts';
import { createCompanyWithBot } from './support.ts';

let net: ReturnType<typeof stubNetwork>;
beforeEach(() => {
  net = stubNetwork();
});
afterEach(() => net.restore());

const d = () => db(env.DB);
const at = (s: number) => new Date(Date.parse('2026-11-20T09:00:00Z') + s * 1000).toISOString();

describe('post-call: outcomes of the receptionist', () => {
  it('a transferred call is stored with its ending in the summary; a wrong number and no intent make no lead', async () => {
    const { company, bot } = await createCompanyWithBot();
    const transferred = await seedCall(callResult(bot.id, {
      scenario: null,
      outcome: 'transferred',
      ended_by: 'transfer',
      fields: {},
      turns: [
        { role: 'bot', text: 'Здравствуйте! Салон красоты Элегант. Чем могу помочь?', at: at(0), source: 'scripted' },
        { role: 'caller', text: 'девушка соедините с администратором', at: at(4) },
        { role: 'bot', text: 'Соединяю с администратором, оставайтесь, пожалуйста, на линии.', at: at(6), source: 'scripted' },
      ],
    }));
    const wrong = await seedCall(callResult(bot.id, {
      scenario: null,
      outcome: 'wrong_number',
      fields: {},
      turns: [{ role: 'caller', text: 'алло это пиццерия', at: at(3) }],
    }));
    const lost = await seedCall(callResult(bot.id, { scenario: null, outcome: 'no_intent', fields: {}, turns: [{ role: 'caller', text: 'абырвалг', at: at(3) }] }));
    await runQueue('voicebot-postcall', [message({ callId: transferred.id }), message({ callId: wrong.id }), message({ callId: lost.id })]);

    const row = await d().select().from(schema.calls).where(eq(schema.calls.id, transferred.id)).get();
    expect(row?.status).toBe('processed');
    expect(row?.summary).toContain('переведён на сотрудника');
    const leads = await d().select().from(schema.leads).where(eq(schema.leads.companyId, company.id)).all();
    expect(leads.map((l) => l.outcome)).toEqual(['transferred']);
    for (const id of [wrong.id, lost.id]) {
      expect((await d().select().from(schema.calls).where(eq(schema.calls.id, id)).get())?.status).toBe('processed');
    }
  });
});
