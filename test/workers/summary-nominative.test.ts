import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { callResult, message, runQueue, seedCall } from './postcall-support.ts';
import { createCompanyWithBot } from './support.ts';

const summaryOf = async (id: string) => (await db(env.DB).select({ summary: schema.calls.summary }).from(schema.calls).where(eq(schema.calls.id, id)).get())?.summary;

describe('post-call summary: values in the nominative', () => {
  it('names the service in the nominative whether the call stored it as said ("стрижку") or already so', async () => {
    const { bot } = await createCompanyWithBot();
    const asSaid = await seedCall(callResult(bot.id, { fields: { service: 'женскую стрижку', date: '2026-11-21', time: '15:00', phone: '+79161234567', name: 'Анна' } }));
    const nominative = await seedCall(callResult(bot.id, { fields: { service: 'женская стрижка', date: '2026-11-21', time: '15:00', phone: '+79161234567', name: 'Анна' } }));
    await runQueue('voicebot-postcall', [message({ callId: asSaid.id }), message({ callId: nominative.id })]);
    for (const id of [asSaid.id, nominative.id]) {
      const summary = await summaryOf(id);
      expect(summary).toContain('услуга — женская стрижка;');
      expect(summary).toContain('дата — 21 ноября 2026; время — 15:00; телефон — +79161234567');
      expect(summary).toContain('имя — Анна');
    }
  });
});
