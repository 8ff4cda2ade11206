import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';

/** The `[assets]` binding; optional so the API still runs where static assets are not configured. */
type WithAssets = { ASSETS?: Fetcher };

/**
 * The owner's panel (`/app`, built from panel/ into public/app/ by scripts/panel-build.mjs). Deployed and under
 * `wrangler dev` the asset router answers these paths before the Worker runs; this route serves them where requests
 * reach the Worker first (the vitest pool).
 */
export const panelApp = new Hono<AppEnv>();

panelApp.get('/app', (c) => c.redirect('/app/', 308));
panelApp.get('/app/*', async (c) => {
  const assets = (c.env as WithAssets).ASSETS;
  if (!assets) return c.notFound();
  const url = new URL(c.req.url);
  if (url.pathname.endsWith('/')) url.pathname += 'index.html';
  return assets.fetch(new Request(url, c.req.raw));
});
