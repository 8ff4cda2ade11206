/**
 * Not part of the app: the Worker `bench/knowledge.ts` bundles (esbuild) and runs in miniflare next to a local
 * D1 (it lives here so the Workers tsconfig checks it). It times the real
 * `bm25Search` of the service (stemming, query planning and every D1 call) per question.
 * POST {bot, questions, limit} → {ms: number[], ids: string[][]}. Timers in workerd advance only across I/O
 * (each D1 call is I/O) with 1 ms resolution, so figures are whole milliseconds.
 */
import { bm25Search } from './bm25.ts';

interface BenchEnv {
  DB: D1Database;
}

export default {
  async fetch(req: Request, env: BenchEnv): Promise<Response> {
    const body = (await req.json()) as { sql?: string; count?: number; bot: string; questions: string[]; limit: number };
    const ms: number[] = [];
    const ids: string[][] = [];
    if (body.sql) {
      for (let i = 0; i < (body.count ?? 1); i++) {
        const t = performance.now();
        await env.DB.prepare(body.sql).all();
        ms.push(performance.now() - t);
      }
      return Response.json({ ms, ids });
    }
    for (const q of body.questions) {
      const t = performance.now();
      const hits = await bm25Search(env.DB, body.bot, q, body.limit);
      ms.push(performance.now() - t);
      ids.push(hits.map((h) => h.chunk_id));
    }
    return Response.json({ ms, ids });
  },
};
