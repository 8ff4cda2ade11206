import { voice } from '@livekit/agents';
import type { AudioFrame } from '@livekit/rtc-node';
import { describe, expect, it } from 'vitest';
import { createCall } from '../../../agent-host/src/call.ts';
import { buildSession } from '../../../agent-host/src/pipeline.ts';
import { LlmChain } from '../../../agent-host/src/providers/llm/chain.ts';
import { ProviderLLM } from '../../../agent-host/src/providers/llm/livekit-adapter.ts';
import { EspeakTTS } from '../../../agent-host/src/providers/tts/espeak.ts';
import { ESPEAK_SKIP_REASON, hasEspeak } from '../providers/speech.ts';
import { NOW, scenario } from './harness.ts';

/** The call's audio output: counts the frames of each reply and plays them out at once. */
class Speaker extends voice.AudioOutput {
  samples: number[] = [];
  #current = 0;
  constructor() {
    super(16_000);
  }
  override async captureFrame(frame: AudioFrame): Promise<void> {
    await super.captureFrame(frame);
    if (this.#current === 0) this.onPlaybackStarted(Date.now());
    this.#current += frame.samplesPerChannel;
  }
  override flush(): void {
    super.flush();
    this.samples.push(this.#current);
    this.onPlaybackFinished({ playbackPosition: this.#current / 16_000, interrupted: false });
    this.#current = 0;
  }
  override clearBuffer(): void {
    this.onPlaybackFinished({ playbackPosition: 0, interrupted: true });
  }
}

async function greetingAudio(): Promise<number> {
  const config = scenario('salon-bot-1');
  const controller = createCall({ config, botId: 'bot_voice', clock: () => NOW, callInfo: { callId: `voice-${Math.random()}` }, sink: { submit: async () => 'sent' } });
  const session = buildSession(config, { tts: new EspeakTTS(), llm: new ProviderLLM(new LlmChain([])) });
  const speaker = new Speaker();
  session.output.audio = speaker;
  controller.attach(session);
  await session.start({ agent: controller.agent });
  await session.waitForIdle();
  await controller.endCall('caller');
  await session.close();
  return speaker.samples[0] ?? 0;
}

describe.skipIf(!hasEspeak)(`the bot's voice through the session's TTS${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it("speaks the greeting through the phrase cache and the session's TTS, the same audio call after call", { timeout: 60_000 }, async () => {
    const first = await greetingAudio();
    const second = await greetingAudio();
    expect(first).toBeGreaterThan(16_000); // over a second of speech
    expect(second).toBe(first);
  });
});
