import { readFileSync } from 'node:fs';
import { initializeLogger, voice } from '@livekit/agents';
import type { CallResult } from '../../../core/call-result.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { parseBotConfigText } from '../../../core/config/parse-config.ts';
import type { ApiClient } from '../../../agent-host/src/api-client.ts';
import { createCall } from '../../../agent-host/src/call.ts';
import { buildSession } from '../../../agent-host/src/pipeline.ts';
import { LlmChain } from '../../../agent-host/src/providers/llm/chain.ts';
import { ProviderLLM } from '../../../agent-host/src/providers/llm/livekit-adapter.ts';
import type { LLMProvider } from '../../../agent-host/src/providers/llm/types.ts';
import type { RealtimeAgent } from '../../../agent-host/src/realtime-agent.ts';

initializeLogger({ pretty: false, level: 'silent' });

/** A bot config from scenarios/. */
export function scenario(name: string): BotConfig {
  const r = parseBotConfigText(readFileSync(`scenarios/${name}.yaml`, 'utf8'));
  if (!r.ok) throw new Error(`bad fixture ${name}`);
  return r.config;
}

/** Monday 23 November 2026, 10:00 Moscow. */
export const NOW = new Date('2026-11-23T10:00:00+03:00');

/**
 * A call through the real pipeline objects (AgentSession + our voice agent + the brain),
 * in text mode: no room, no STT/TTS.
 */
export async function startTextCall(
  config: BotConfig,
  opts: { api?: Pick<ApiClient, 'searchKnowledge'>; llm?: LLMProvider } = {},
) {
  const posted: CallResult[] = [];
  let hungUp = 0;
  const controller = createCall({
    config,
    botId: 'bot_01',
    clock: () => NOW,
    callInfo: { callId: 'call-text-0001', callerNumber: '+79161234567', channel: 'simulator' },
    sink: { submit: async (r) => (posted.push(r), 'sent') },
    hangup: async () => void (hungUp += 1),
    ...(opts.api ? { api: opts.api } : {}),
    ...(opts.llm ? { llm: opts.llm } : {}),
  });
  const brain = controller.brain as RealtimeAgent;
  // The session needs an LLM object; scripted turns never call it (no providers here unless given).
  const session = buildSession(config, { llm: new ProviderLLM(opts.llm ?? new LlmChain([])) });
  controller.attach(session);
  await session.start({ agent: controller.agent });
  await session.waitForIdle();
  const say = async (text: string) => {
    const run = await session.run({ userInput: text }).wait();
    return { run, text: botText(run) };
  };
  return { brain, controller, session, posted, hungUp: () => hungUp, say };
}

/** All assistant text of one run. */
export function botText(run: voice.testing.RunResult): string {
  return run.events
    .filter((e): e is voice.testing.ChatMessageEvent => e.type === 'message' && e.item.role === 'assistant')
    .map((e) => e.item.textContent ?? '')
    .join(' ');
}
