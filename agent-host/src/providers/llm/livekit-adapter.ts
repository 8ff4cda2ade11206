import { DEFAULT_API_CONNECT_OPTIONS, llm, type APIConnectOptions } from '@livekit/agents';
import type { LlmMessage, LLMProvider } from './types.ts';

/** Split a LiveKit chat context into our provider's system prompt + messages. */
export function toProviderMessages(chatCtx: llm.ChatContext): { systemPrompt: string; messages: LlmMessage[] } {
  const system: string[] = [];
  const messages: LlmMessage[] = [];
  for (const item of chatCtx.items) {
    if (item.type !== 'message') continue;
    const text = item.textContent ?? '';
    if (!text) continue;
    if (item.role === 'system' || item.role === 'developer') system.push(text);
    else messages.push({ role: item.role === 'user' ? 'user' : 'assistant', content: text });
  }
  return { systemPrompt: system.join('\n\n'), messages };
}

/**
 * Our {@link LLMProvider} (usually the fallback chain) as a LiveKit `llm.LLM`, so the session has
 * an LLM object (agents-js skips replies without one) and the stock llmNode could use it too.
 */
export class ProviderLLM extends llm.LLM {
  readonly #provider: LLMProvider;
  readonly #maxTokens: number;

  constructor(provider: LLMProvider, opts: { maxTokens?: number } = {}) {
    super();
    this.#provider = provider;
    this.#maxTokens = opts.maxTokens ?? 150;
  }

  label(): string {
    return `voicebot.${this.#provider.name}`;
  }

  override get model(): string {
    return this.#provider.name;
  }

  chat({ chatCtx, toolCtx, connOptions = DEFAULT_API_CONNECT_OPTIONS }: {
    chatCtx: llm.ChatContext;
    toolCtx?: llm.ToolContextLike;
    connOptions?: APIConnectOptions;
  }): llm.LLMStream {
    return new ProviderLLMStream(this, this.#provider, this.#maxTokens, { chatCtx, toolCtx, connOptions });
  }
}

class ProviderLLMStream extends llm.LLMStream {
  readonly #provider: LLMProvider;
  readonly #maxTokens: number;

  constructor(
    owner: ProviderLLM,
    provider: LLMProvider,
    maxTokens: number,
    params: { chatCtx: llm.ChatContext; toolCtx?: llm.ToolContextLike; connOptions: APIConnectOptions },
  ) {
    super(owner, params);
    this.#provider = provider;
    this.#maxTokens = maxTokens;
  }

  protected async run(): Promise<void> {
    const { systemPrompt, messages } = toProviderMessages(this.chatCtx);
    const signal = this.abortController.signal;
    let n = 0;
    for await (const delta of this.#provider.stream(systemPrompt, messages, { maxTokens: this.#maxTokens, signal })) {
      this.queue.put({ id: `voicebot-${n++}`, delta: { role: 'assistant', content: delta } });
    }
  }
}
