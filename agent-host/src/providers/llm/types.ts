/** One message of a chat sent to an LLM provider. */
export interface LlmMessage {
  role: 'user' | 'assistant' | 'system';
  content: string;
}

/** Options for one streamed completion. */
export interface LlmStreamOptions {
  /** Upper bound on generated tokens; short spoken replies need few. */
  maxTokens?: number;
  /** Aborts the request (barge-in, call end, first-token timeout). */
  signal?: AbortSignal;
  /** Called once when the first text arrives: which provider answered and how long it took. */
  onFirstToken?: (info: { provider: string; ms: number }) => void;
}

/**
 * A text LLM behind one interface (the seed's `LLMProvider`), plus the streaming form the
 * realtime pipeline uses so TTS can start on the first sentence.
 */
export interface LLMProvider {
  /** Stable name used for health tracking and logs, e.g. `ollama`, `groq`. */
  readonly name: string;
  /** Whole reply at once. `maxTokens` defaults to 150 (spoken replies are short). */
  generate(systemPrompt: string, messages: LlmMessage[], maxTokens?: number): Promise<string>;
  /** Reply as text deltas, in order; throws a ProviderError when the provider fails. */
  stream(systemPrompt: string, messages: LlmMessage[], opts?: LlmStreamOptions): AsyncIterable<string>;
}

/** Default token cap of the seed interface. */
export const DEFAULT_MAX_TOKENS = 150;

/** Collect a stream into one string (what `generate` does for streaming providers). */
export async function collectText(stream: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const delta of stream) out += delta;
  return out.trim();
}
