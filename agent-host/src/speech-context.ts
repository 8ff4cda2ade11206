import type { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { voice } from '@livekit/agents';

/*
 * agents-js runs every reply task (and so `llmNode`) inside an AsyncLocalStorage holding its
 * SpeechHandle, but does not re-export that storage. We need the handle to tell a preemptive
 * generation (not yet scheduled; may be thrown away) from a confirmed turn, because our brain is
 * stateful and must see each caller turn exactly once. Same module instance as the package uses.
 */
const require = createRequire(import.meta.url);
let storage: AsyncLocalStorage<voice.SpeechHandle> | undefined;
try {
  const agentModule = join(dirname(require.resolve('@livekit/agents')), 'voice', 'agent.js');
  storage = ((await import(pathToFileURL(agentModule).href)) as { speechHandleStorage?: AsyncLocalStorage<voice.SpeechHandle> })
    .speechHandleStorage;
} catch {
  storage = undefined; // layout changed: every reply is treated as confirmed (no preemptive gain, still correct)
}

/** The SpeechHandle of the reply being generated in the current async context, if known. */
export function currentSpeechHandle(): voice.SpeechHandle | undefined {
  return storage?.getStore();
}

/**
 * Wait until a reply is confirmed (scheduled for playout: the user turn it answers was committed).
 * Resolves false if it is interrupted or cancelled first — a preemptive generation for a
 * transcript that turned out different.
 */
export async function waitUntilScheduled(handle: voice.SpeechHandle): Promise<boolean> {
  if (handle.scheduled) return true;
  if (handle.interrupted || handle.done()) return false;
  const internal = handle as unknown as { _waitForScheduled?: () => Promise<void> };
  const scheduled = internal._waitForScheduled?.() ?? new Promise<void>(() => undefined);
  const done = new Promise<void>((resolve) => handle.addDoneCallback(() => resolve()));
  // waitIfNotInterrupted also returns when the handle is interrupted (a discarded preemptive reply)
  await Promise.race([handle.waitIfNotInterrupted([scheduled]), done]);
  return handle.scheduled;
}
