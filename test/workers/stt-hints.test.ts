import { describe, expect, it } from 'vitest';
import { SERVICE_TOKEN, api, createCompanyWithBot } from './support.ts';

describe('the bot runtime carries its recognition vocabulary', () => {
  it('the calendar\'s services with synonyms and its staff come with the config\'s words, without duplicates', async () => {
    const { company, bot } = await createCompanyWithBot();
    const svc = await api('POST', `/bots/${bot.id}/services`, { key: company.key, body: { name: 'Ламинирование ресниц', synonyms: ['ламинация', 'реснички'], duration_min: 60 } });
    expect(svc.status).toBe(201);
    expect((await api('POST', `/bots/${bot.id}/staff`, { key: company.key, body: { name: 'Снежана', service_ids: [svc.body.id] } })).status).toBe(201);

    const runtime = await api('GET', `/internal/bots/${bot.id}/runtime`, { key: SERVICE_TOKEN });

    const hints = runtime.body.bot.stt_hints as string[];
    expect(hints).toEqual(expect.arrayContaining(['Ламинирование ресниц', 'ламинация', 'реснички', 'Снежана']));
    expect(new Set(hints.map((h) => h.toLowerCase())).size).toBe(hints.length);
    expect(hints.length).toBeLessThanOrEqual(100);
  });
});
