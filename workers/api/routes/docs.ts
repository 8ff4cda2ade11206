import { swaggerUI } from '@hono/swagger-ui';
import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';

/**
 * Where the Swagger UI files are served from: Workers static assets (`[assets]` in wrangler.toml), copied out of
 * swagger-ui-dist by scripts/docs-assets.mjs — the page loads nothing from a CDN.
 */
export const DOCS_ASSETS_BASE = '/docs/assets';

/** The `[assets]` binding; optional so the API still runs where static assets are not configured. */
type WithAssets = { ASSETS?: Fetcher };

export const docs = new Hono<AppEnv>();

docs.get(
  '/docs',
  swaggerUI({
    title: 'Voicebot platform API',
    url: '/openapi.json',
    baseUrl: DOCS_ASSETS_BASE,
    persistAuthorization: true,
    deepLinking: true,
    displayRequestDuration: true,
    defaultModelsExpandDepth: 1,
    validatorUrl: 'none',
  }),
);

// Deployed and under `wrangler dev` the asset router answers these paths before the Worker runs; this route
// serves them where requests reach the Worker first (the vitest pool).
docs.get(`${DOCS_ASSETS_BASE}/*`, async (c) => {
  const assets = (c.env as WithAssets).ASSETS;
  return assets ? assets.fetch(c.req.raw) : c.notFound();
});
