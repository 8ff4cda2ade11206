// The API reference as a person sees it: `wrangler dev` serves the Worker on 127.0.0.1 (running the same
// [build] step as deploy, which copies the Swagger UI files into static assets), and headless Chromium opens
// /docs with every request that leaves 127.0.0.1 blocked — the page must render from the Worker alone.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS, type Dev, START_TIMEOUT_MS, startWranglerDev, stopWranglerDev } from '../support/wrangler-dev.ts';

const hasChromium = existsSync(CHROMIUM);

describe.skipIf(!hasChromium)(`/docs in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is not installed)`}`, () => {
  let dev: Dev | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dev = await startWranglerDev({ ADMIN_API_KEY: 'docs-test-admin' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dev) await stopWranglerDev(dev);
  }, 60_000);

  it('renders every route with its parameters, the Error schema and the auth schemes, loading nothing from outside', async () => {
    const page = await browser!.newPage();
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(dev!.url) || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));

    await page.goto(`${dev!.url}/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'Voicebot platform API' }).waitFor();

    const paths = await page.locator('.opblock-summary-path').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
    expect(paths).toEqual(expect.arrayContaining(['/bots', '/bots/{id}/knowledge/search', '/calls', '/webhooks', '/internal/calls']));

    // One operation opened: its query parameters and its error responses are there.
    const search = page.locator('.opblock-get', { has: page.locator('[data-path="/bots/{id}/knowledge/search"]') });
    await search.locator('.opblock-summary').click();
    await search.locator('.parameters .parameter__name', { hasText: /^\s*top_k/ }).waitFor();
    expect(await search.locator('.parameters .parameter__name').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^\s*q\b/)]));
    const statuses = await search.locator('.responses-table .response-col_status').allInnerTexts();
    expect(statuses.map((s) => s.trim())).toEqual(expect.arrayContaining(['200', '401', '404', '422', '500']));

    // The shared Error schema in the Schemas section, with its fields once expanded.
    const errorModel = page.locator('.models .model-container', { hasText: 'Error' }).first();
    await errorModel.locator('.model-box-control[aria-expanded="false"]').first().click(); // Error
    await errorModel.locator('.property-row', { hasText: 'error' }).locator('.model-box-control[aria-expanded="false"]').click(); // its `error` object
    await errorModel.locator('.property-row', { hasText: 'message' }).last().waitFor();
    expect(await errorModel.innerText()).toMatch(/error[\s\S]*code[\s\S]*message[\s\S]*details/);

    // The auth scheme: "Authorize" lists the three bearer credentials.
    await page.locator('.auth-wrapper .authorize').click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.locator('.auth-container', { hasText: 'agentHostToken' }).waitFor();
    expect(await dialog.innerText()).toMatch(/companyKey[\s\S]*Bearer[\s\S]*adminKey[\s\S]*agentHostToken/);

    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
  }, 60_000);
});
