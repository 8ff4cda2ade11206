// `npm start`: the local stack on embedded defaults (no cloud keys).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyLocalMigrations, ensureDevVars, ROOT, seedDemo, startApi } from './local-stack.ts';

const once = process.argv.includes('--once');
const port = Number(process.env.PORT ?? 8787);

const secrets = ensureDevVars();
console.log('• applying D1 migrations (local)…');
applyLocalMigrations();
console.log('• starting the API (wrangler dev)…');
const api = await startApi(port);
const scenarios = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const demo = await seedDemo(api.url, secrets, scenarios);

console.log(`
API            ${api.url}   (docs: ${api.url}/docs, spec: ${api.url}/openapi.json)
Demo company   ${demo.companyId}
Demo API key   ${demo.apiKey}
Bots           ${Object.entries(demo.bots).map(([slug, id]) => `${slug} = ${id}`).join('\n               ')}

Try:  curl -s ${api.url}/companies/${demo.companyId}/bots -H "Authorization: Bearer ${demo.apiKey}"
`);

const shutdown = async () => {
  await api.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
if (once) await shutdown();
else console.log('The API keeps running; Ctrl-C stops it.');
