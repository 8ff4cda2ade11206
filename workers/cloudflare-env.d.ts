// Makes `env` from `cloudflare:workers` / `cloudflare:test` carry this Worker's bindings.
import type { Env as WorkerEnv } from './env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
