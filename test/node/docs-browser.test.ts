// The API reference as a person sees it: `wrangler dev` serves the Worker on 127.0.0.1 (running the same
// [build] step as deploy, which copies the Swagger UI files into static assets), and headless Chromium opens
// /docs with every request that leaves 127.0.0.1 blocked — the page must render from the Worker alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, WRANGLER_ENV } from '../../scripts/local-stack.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
/** Generous: wrangler dev builds the Worker first, and the 2-core CI machine runs other test files meanwhile. */
const START_TIMEOUT_MS = 180_000;
const hasChromium = existsSync(CHROMIUM);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Dev {
  url: string;
  child: ChildProcess;
  log: () => string;
  state: string;
}

async function startWranglerDev(): Promise<Dev> {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'voicebot-docs-'));
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'wrangler'), [
    'dev', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', state,
    '--show-interactive-dev-session=false', '--log-level', 'warn',
  ], { cwd: ROOT, env: { ...WRANGLER_ENV, ADMIN_API_KEY: 'docs-test-admin' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const dev = { url: `http://127.0.0.1:${port}`, child, log: () => log, state };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    const up = await fetch(`${dev.url}/openapi.json`).then((r) => r.ok, () => false);
    if (up) return dev;
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopWranglerDev(dev);
  throw new Error(`wrangler dev did not answer within ${START_TIMEOUT_MS} ms:\n${log}`);
}

async function stopWranglerDev(dev: Dev): Promise<void> {
  if (dev.child.pid !== undefined && dev.child.exitCode === null) {
    const exited = new Promise((r) => dev.child.once('exit', r));
    process.kill(-dev.child.pid, 'SIGTERM'); // wrangler and its workerd
    await exited;
  }
  rmSync(dev.state, { recursive: true, force: true });
}

describe.skipIf(!hasChromium)(`/docs in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} is not installed)`}`, () => {
  let dev: Dev | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dev = await startWranglerDev();
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
