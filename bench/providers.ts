/**
 * Provider latency bench: time to first partial (STT), first audio (TTS) and first token (LLM) of each speech/LLM
 * provider through our real clients against its local protocol server (test/support/servers: grpc-js for Yandex
 * SpeechKit and SaluteSpeech, HTTP for the OpenAI-compatible ones), with the existing Deepgram/Cartesia/espeak/Groq
 * paths as the baseline in the same run. The servers answer instantly, so the numbers are our client + protocol
 * overhead (gRPC/HTTP2 framing, OAuth, resampling, framing into 20 ms frames), not the vendors' model latency:
 * that is the "vendor figure" column, where a vendor publishes one.
 *
 * Audio is fed at real time (20 ms frames every 20 ms). "partial after audio" = arrival of the first interim
 * result minus the push time of the frame that completed it (the server decides on every 200 ms of speech).
 *
 *   npx tsx bench/providers.ts [--runs 5]
 */
import { initializeLogger, stt, tts } from '@livekit/agents';
import { AudioFrame } from '@livekit/rtc-node';
import { ProviderHealth } from '../agent-host/src/providers/health.ts';
import { buildLlmChain } from '../agent-host/src/providers/llm/index.ts';
import { buildSttChain } from '../agent-host/src/providers/stt/chain.ts';
import { buildTtsChain } from '../agent-host/src/providers/tts/chain.ts';
import { startCartesiaServer } from '../test/support/servers/cartesia-server.ts';
import { startDeepgramServer } from '../test/support/servers/deepgram-server.ts';
import { startGigaChatServer } from '../test/support/servers/gigachat-server.ts';
import { startGroqServer } from '../test/support/servers/groq-server.ts';
import { startOpenAITtsServer } from '../test/support/servers/openai-tts-server.ts';
import { startSaluteServer } from '../test/support/servers/salute-server.ts';
import { startSberOAuthServer } from '../test/support/servers/sber-oauth-server.ts';
import { speechLikePcm } from '../test/support/servers/tone.ts';
import { startYandexSttServer } from '../test/support/servers/yandex-stt-server.ts';
import { startYandexTtsServer } from '../test/support/servers/yandex-tts-server.ts';
import { startYandexGptServer } from '../test/support/servers/yandexgpt-server.ts';
import { answerHelp } from './support/cli-help.ts';

answerHelp(import.meta.url);

initializeLogger({ pretty: false, level: 'silent' });
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const RUNS = Number(arg('runs', '5'));
const PHRASE = 'ну здравствуйте хочу записаться на стрижку в субботу';
const REPLY = 'Записала вас на субботу на одиннадцать утра. Ждём вас в салоне «Элегант».';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  provider: string;
  kind: 'stt' | 'tts' | 'llm';
  metric: string;
  samples: number[];
  vendor: string;
  baseline?: boolean;
}
const rows: Row[] = [];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Speech-like audio (300 ms silence, ~2 s voice, 800 ms silence) as 20 ms frames. */
function callerFrames(rate: number): AudioFrame[] {
  const voice = speechLikePcm(PHRASE, rate).subarray(0, rate * 2 * 2);
  const pcm = Buffer.concat([Buffer.alloc(rate * 0.3 * 2), voice, Buffer.alloc(rate * 0.8 * 2)]);
  const step = (rate / 50) * 2;
  const frames: AudioFrame[] = [];
  for (let off = 0; off + step <= pcm.byteLength; off += step) {
    const data = new Int16Array(pcm.buffer.slice(pcm.byteOffset + off, pcm.byteOffset + off + step));
    frames.push(new AudioFrame(data, rate, 1, data.length));
  }
  return frames;
}

/** One real-time STT run: ms from the first frame to the first interim/final, and from the frame that triggered it. */
async function sttRun(instance: stt.STT, rate: number, want: stt.SpeechEventType): Promise<{ fromStart: number; afterAudio: number }> {
  const stream = instance.stream();
  const frames = callerFrames(rate);
  let lastPush = 0;
  const t0 = performance.now();
  const pump = (async () => {
    for (const [i, f] of frames.entries()) {
      const due = t0 + i * 20;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      try {
        stream.pushFrame(f);
      } catch {
        return;
      }
      lastPush = performance.now();
    }
    stream.endInput();
  })();
  let result = { fromStart: NaN, afterAudio: NaN };
  for await (const ev of stream) {
    if (ev.type !== want) continue;
    const now = performance.now();
    result = { fromStart: now - t0, afterAudio: now - lastPush };
    break;
  }
  stream.close();
  await pump;
  return result;
}

async function benchStt(provider: string, instance: stt.STT, rate: number, want: stt.SpeechEventType, vendor: string, baseline = false) {
  const fromStart: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await sttRun(instance, rate, want);
    fromStart.push(r.fromStart);
    after.push(r.afterAudio);
  }
  const what = want === stt.SpeechEventType.INTERIM_TRANSCRIPT ? 'partial' : 'final';
  rows.push({ provider, kind: 'stt', metric: `first ${what} after its audio (${rate / 1000} kHz)`, samples: after, vendor, baseline });
  rows.push({ provider, kind: 'stt', metric: `first ${what} from call start`, samples: fromStart, vendor: '', baseline });
}

async function benchTts(provider: string, instance: tts.TTS, vendor: string, baseline = false) {
  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const stream = instance.synthesize(REPLY);
    await stream.next();
    first.push(performance.now() - t0);
    for await (const _ of stream); // drain: agents' Cartesia ChunkedStream cannot be closed mid-reply

  }
  rows.push({ provider, kind: 'tts', metric: 'first audio', samples: first, vendor, baseline });
}

async function benchLlm(provider: string, make: () => ReturnType<typeof buildLlmChain>, vendor: string, baseline = false) {
  const first: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const chain = make()!; // a fresh chain per run for providers whose first call also fetches a token
    const t0 = performance.now();
    for await (const _ of chain.stream('Ты администратор салона.', [{ role: 'user', content: 'ну а сколько стоит стрижка' }])) {
      first.push(performance.now() - t0);
      break;
    }
  }
  rows.push({ provider, kind: 'llm', metric: 'first token (first run incl. OAuth where used)', samples: first, vendor, baseline });
}

async function main() {
  const health = new ProviderHealth();
  const close: { close(): Promise<void> }[] = [];
  const keep = <T extends { close(): Promise<void> }>(s: T) => (close.push(s), s);

  const yStt = keep(await startYandexSttServer({ authorization: 'Api-Key yc', phrases: [PHRASE] }));
  const yTts = keep(await startYandexTtsServer({ authorization: 'Api-Key yc' }));
  const sberOAuth = keep(await startSberOAuthServer({ authKey: 'c2FsdXRl', scope: 'SALUTE_SPEECH_PERS' }));
  const salute = keep(await startSaluteServer({ tokenIsValid: sberOAuth.isValid, phrases: [PHRASE] }));
  const piper = keep(await startOpenAITtsServer({ sampleRate: 22_050 }));
  const deepgram = keep(await startDeepgramServer({ apiKey: 'dg', phrases: [PHRASE], bytesPerPhrase: 16_000 }));
  const cartesia = keep(await startCartesiaServer({ apiKey: 'ca' }));
  const ygpt = keep(await startYandexGptServer({ authorization: 'Api-Key yc', behave: () => ({ tokens: ['Стрижка ', 'от ', 'тысячи ', 'рублей.'] }) }));
  const gigaOAuth = keep(await startSberOAuthServer({ authKey: 'Z2lnYQ==', scope: 'GIGACHAT_API_PERS' }));
  const giga = keep(await startGigaChatServer({ tokenIsValid: gigaOAuth.isValid, behave: () => ({ tokens: ['Стрижка ', 'от ', 'тысячи.'] }) }));
  const groq = keep(await startGroqServer(() => ({ tokens: ['Haircut ', 'from ', '1000.'] })));

  const env = {
    YANDEX_API_KEY: 'yc',
    YANDEX_FOLDER_ID: 'b1gbench',
    YANDEX_STT_ENDPOINT: yStt.endpoint,
    YANDEX_TTS_ENDPOINT: yTts.endpoint,
    YANDEX_LLM_BASE_URL: ygpt.baseURL,
    SALUTE_AUTH_KEY: 'c2FsdXRl',
    SALUTE_OAUTH_URL: sberOAuth.oauthUrl,
    SALUTE_ENDPOINT: salute.endpoint,
    OPENAI_TTS_URL: piper.url,
    DEEPGRAM_API_KEY: 'dg',
    DEEPGRAM_BASE_URL: deepgram.wsUrl,
    CARTESIA_API_KEY: 'ca',
    CARTESIA_BASE_URL: cartesia.url,
    GIGACHAT_AUTH_KEY: 'Z2lnYQ==',
    GIGACHAT_OAUTH_URL: gigaOAuth.oauthUrl,
    GIGACHAT_BASE_URL: giga.baseURL,
    GROQ_API_KEY: 'gq',
    GROQ_BASE_URL: groq.baseURL,
  };
  const sttOf = (name: 'yandex' | 'salute' | 'deepgram') => buildSttChain({ language: 'ru', providers: { stt: [{ name }] } }, env, health).stt;
  const ttsOf = (name: 'yandex' | 'salute' | 'openai-compatible' | 'cartesia' | 'espeak', sampleRate?: number) =>
    buildTtsChain({ voice_id: 'russian-female-1', providers: { tts: [{ name }] } }, env, health, sampleRate ? { sampleRate } : {}).tts;
  const { INTERIM_TRANSCRIPT, FINAL_TRANSCRIPT } = stt.SpeechEventType;

  await benchStt('yandex (SpeechKit v3 gRPC)', sttOf('yandex'), 8_000, INTERIM_TRANSCRIPT, 'none found');
  await benchStt('yandex (SpeechKit v3 gRPC)', sttOf('yandex'), 16_000, INTERIM_TRANSCRIPT, 'none found');
  await benchStt('salute (SaluteSpeech gRPC)', sttOf('salute'), 8_000, INTERIM_TRANSCRIPT, 'none found');
  await benchStt('deepgram (WebSocket) — baseline', sttOf('deepgram'), 16_000, FINAL_TRANSCRIPT, '<300 ms (vendor: streaming)', true);

  await benchTts('yandex (SpeechKit v3 gRPC)', ttsOf('yandex', 22_050), 'none found');
  await benchTts('salute (SaluteSpeech gRPC)', ttsOf('salute'), 'none found');
  await benchTts('openai-compatible (self-hosted, streamed WAV)', ttsOf('openai-compatible'), 'depends on the GPU box');
  await benchTts('cartesia (WebSocket) — baseline', ttsOf('cartesia'), '~90 ms model latency (vendor: Sonic)', true);
  await benchTts('espeak-ng (local process) — baseline', ttsOf('espeak'), 'local', true);

  await benchLlm('yandexgpt (OpenAI-compatible)', () => buildLlmChain({ providers: { llm: [{ name: 'yandexgpt' }] } }, env), 'none found');
  await benchLlm('gigachat (OAuth + OpenAI-compatible)', () => buildLlmChain({ providers: { llm: [{ name: 'gigachat' }] } }, env), 'none found');
  await benchLlm('groq (OpenAI-compatible) — baseline', () => buildLlmChain({ providers: { llm: [{ name: 'groq' }] } }, env), '—', true);

  const header = ['provider (against its local protocol server)', 'kind', 'metric', 'p50 ms', 'p95 ms', 'vendor figure'];
  const body = rows.map((r) => [r.provider, r.kind, r.metric, pct(r.samples, 50).toFixed(1), pct(r.samples, 95).toFixed(1), r.vendor]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`Provider latency, ${RUNS} runs each (Node ${process.version}); local servers answer instantly: client + protocol overhead only.\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) console.log(line(b));
  console.log('\n"from call start" includes 300 ms of leading silence and the 200 ms of speech the servers need for a partial.');
  await Promise.all(close.map((s) => s.close()));
  process.exit(0);
}

void main();
