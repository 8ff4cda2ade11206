import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';

// Self-contained page (no CDN): lists every operation of /openapi.json.
const PAGE = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Voicebot API</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:70rem}code{background:#f3f3f3;padding:0 .3em}
td{padding:.3em .8em;border-bottom:1px solid #eee;vertical-align:top}.m{font-weight:600;text-transform:uppercase}</style></head>
<body><h1>Voicebot API</h1><p>Machine-readable spec: <a href="/openapi.json"><code>/openapi.json</code></a>.
Errors are always <code>{"error":{"code","message","details?"}}</code>.</p><table id="ops"></table>
<script>fetch('/openapi.json').then(r=>r.json()).then(s=>{const t=document.getElementById('ops');
for(const [p,ops] of Object.entries(s.paths))for(const [m,o] of Object.entries(ops)){const r=t.insertRow();
r.insertCell().textContent=m;r.cells[0].className='m';r.insertCell().innerHTML='<code></code>';r.cells[1].firstChild.textContent=p;
r.insertCell().textContent=o.summary||'';}});</script></body></html>`;

export const docs = new Hono<AppEnv>();
docs.get('/docs', (c) => c.html(PAGE));
