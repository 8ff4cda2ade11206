import { stt } from '@livekit/agents';

/**
 * One-shot recognition for streaming-only services: push the whole buffer through a stream and join
 * its finals into one FINAL_TRANSCRIPT (what LiveKit's `STT.recognize()` callers expect).
 */
export async function recognizeViaStream(
  owner: stt.STT,
  buffer: Parameters<stt.STT['recognize']>[0],
  language: string,
  abortSignal?: AbortSignal,
): Promise<stt.SpeechEvent> {
  const stream = owner.stream({ connOptions: { maxRetry: 0, retryIntervalMs: 0, timeoutMs: 10_000 } });
  const onAbort = () => stream.close();
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  const texts: string[] = [];
  try {
    for (const frame of Array.isArray(buffer) ? buffer : [buffer]) stream.pushFrame(frame);
    stream.flush();
    stream.endInput();
    for await (const ev of stream) {
      const text = ev.type === stt.SpeechEventType.FINAL_TRANSCRIPT ? ev.alternatives?.[0]?.text : undefined;
      if (text) texts.push(text);
    }
  } finally {
    abortSignal?.removeEventListener('abort', onAbort);
    stream.close();
  }
  const data = { language: language as stt.SpeechData['language'], text: texts.join(' '), startTime: 0, endTime: 0, confidence: 1 };
  return { type: stt.SpeechEventType.FINAL_TRANSCRIPT, alternatives: [data] };
}
