import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderHealth } from '../providers/health.ts';
import { metrics as defaultMetrics } from './metrics.ts';

/** Options for {@link startOpsServer}. */
export interface OpsServerOptions {
  health: ProviderHealth;
  metrics?: { render(): string };
  /** 0 = random port. */
  port?: number;
  host?: string;
}

/**
 * The agent-host's small ops HTTP server: `GET /providers/health` (ProviderHealth snapshot as JSON),
 * `GET /metrics` (Prometheus text), `GET /healthz`.
 */
export async function startOpsServer(opts: OpsServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const m = opts.metrics ?? defaultMetrics;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    if (path === '/providers/health') {
      const snapshot = opts.health.snapshot();
      const degraded = Object.values(snapshot).some((s) => s.status !== 'ok');
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ status: degraded ? 'degraded' : 'ok', providers: snapshot }));
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return void res.end(m.render());
    }
    if (path === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"not found"}}');
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
