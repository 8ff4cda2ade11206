import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { db, schema } from '../../workers/db/client.ts';
import { api, createCompanyWithBot } from './support.ts';

interface SeedCall {
  at: string;
  seconds: number;
  turns: number;
  outcome: string | null;
  latencies: number[];
}

let seq = 0;
/** Finished calls straight into D1, with per-turn metrics whose total_ms are the given latencies. */
async function seed(companyId: string, botId: string, calls: SeedCall[]) {
  await db(env.DB).insert(schema.calls).values(calls.map((c) => {
    const startedAt = Date.parse(c.at);
    return {
      id: `an-${++seq}-${Date.now().toString(36)}`,
      companyId,
      botId,
      startedAt,
      endedAt: startedAt + c.seconds * 1000,
      durationMs: c.seconds * 1000,
      endedBy: 'bot',
      status: 'processed' as const,
      outcome: c.outcome,
      turnCount: c.turns,
      transcriptJson: '[]',
      metricsJson: JSON.stringify(c.latencies.map((total_ms, turn) => ({ turn, source: 'scripted', engine_ms: 3, stt_ms: 250, total_ms }))),
    };
  }));
}

const hours = (entries: Record<number, number>) => Array.from({ length: 24 }, (_, h) => entries[h] ?? 0);

/** Salon bot (Europe/Moscow, UTC+3): five calls in range, one after it. */
const SALON_CALLS: SeedCall[] = [
  { at: '2026-11-20T06:30:00Z', seconds: 60, turns: 6, outcome: 'booking_created', latencies: [500, 700] },
  { at: '2026-11-20T06:50:00Z', seconds: 120, turns: 10, outcome: 'booking_created', latencies: [400, 900, 1100] },
  { at: '2026-11-20T10:15:00Z', seconds: 30, turns: 2, outcome: null, latencies: [300] },
  { at: '2026-11-20T15:05:00Z', seconds: 90, turns: 8, outcome: 'callback_requested', latencies: [650, 800] },
  { at: '2026-11-21T20:59:00Z', seconds: 45, turns: 4, outcome: null, latencies: [] },
  { at: '2026-11-25T10:00:00Z', seconds: 100, turns: 5, outcome: 'booking_created', latencies: [5000] },
];
const RANGE = 'from=2026-11-20T00:00:00Z&to=2026-11-22T00:00:00Z';

describe('GET /analytics', () => {
  it('matches hand-computed numbers for one bot, hours in the bot time zone', async () => {
    const { company, bot } = await createCompanyWithBot();
    await seed(company.id, bot.id, SALON_CALLS);
    const res = await api('GET', `/analytics?bot_id=${bot.id}&${RANGE}`, { key: company.key });
    expect(res.status).toBe(200);
    // 5 calls in range; 3 with an outcome; durations 60+120+30+90+45 = 345 s; turns 6+10+2+8+4 = 30;
    // latencies sorted 300 400 500 650 700 800 900 1100 → nearest rank p50 = 4th = 650, p95 = 8th = 1100.
    expect(res.body).toEqual({
      bot_id: bot.id,
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-22T00:00:00Z',
      timezone: 'Europe/Moscow',
      calls: 5,
      completed: 3,
      outcomes: { booking_created: 2, callback_requested: 1 },
      conversion_rate: 0.6,
      avg_duration_ms: 69_000,
      avg_turns: 6,
      response_latency_ms: { p50: 650, p95: 1100, samples: 8 },
      calls_by_hour: hours({ 9: 2, 13: 1, 18: 1, 23: 1 }),
      sampled: false,
    });
  });

  it('counts every bot of the company without bot_id, hours in UTC', async () => {
    const { company, bot } = await createCompanyWithBot();
    const second = await api('POST', '/bots', { key: company.key, body: { config: { bot_id: 'clinic-line', voice_id: 'v', greeting: 'Клиника, здравствуйте', fallback: 'Повторите, пожалуйста', scenarios: [{ name: 'q' }] } } });
    await seed(company.id, bot.id, SALON_CALLS);
    await seed(company.id, second.body.id, [{ at: '2026-11-21T12:00:00Z', seconds: 200, turns: 12, outcome: 'lead_qualified', latencies: [1500] }]);
    const res = await api('GET', `/analytics?${RANGE}`, { key: company.key });
    // 6 calls, 4 completed → 0.6667; (345 + 200) s / 6 = 90 833.3 ms; 42 / 6 = 7 turns;
    // 9 latencies → p50 = 5th = 700, p95 = 9th = 1500.
    expect(res.body).toMatchObject({
      bot_id: null,
      timezone: 'UTC',
      calls: 6,
      completed: 4,
      outcomes: { booking_created: 2, callback_requested: 1, lead_qualified: 1 },
      conversion_rate: 0.6667,
      avg_duration_ms: 90_833,
      avg_turns: 7,
      response_latency_ms: { p50: 700, p95: 1500, samples: 9 },
      calls_by_hour: hours({ 6: 2, 10: 1, 12: 1, 15: 1, 20: 1 }),
    });
    const tz = await api('GET', `/analytics?bot_id=${bot.id}&${RANGE}&timezone=Asia/Yekaterinburg`, { key: company.key });
    expect(tz.body.calls_by_hour).toEqual(hours({ 11: 2, 15: 1, 20: 1, 1: 1 }));
  });

  it('answers zeros for an empty range and validates the query', async () => {
    const { company, bot } = await createCompanyWithBot();
    await seed(company.id, bot.id, SALON_CALLS);
    const empty = await api('GET', `/analytics?bot_id=${bot.id}&from=2027-01-01T00:00:00Z`, { key: company.key });
    expect(empty.body).toMatchObject({
      calls: 0, completed: 0, outcomes: {}, conversion_rate: 0, avg_duration_ms: null, avg_turns: null,
      response_latency_ms: { p50: null, p95: null, samples: 0 }, calls_by_hour: hours({}),
    });
    expect((await api('GET', '/analytics?from=вчера', { key: company.key })).status).toBe(422);
    expect((await api('GET', '/analytics?timezone=Mars/Olympus', { key: company.key })).status).toBe(422);
  });

  it("never shows another company's calls", async () => {
    const a = await createCompanyWithBot();
    const b = await createCompanyWithBot();
    await seed(a.company.id, a.bot.id, SALON_CALLS);
    const bView = await api('GET', `/analytics?${RANGE}`, { key: b.company.key });
    expect(bView.body.calls).toBe(0);
    expect(bView.body.response_latency_ms.samples).toBe(0);
    expect((await api('GET', `/analytics?bot_id=${a.bot.id}`, { key: b.company.key })).status).toBe(404);
    expect((await api('GET', '/analytics')).status).toBe(401);
  });
});
