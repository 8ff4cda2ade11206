import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { admitCall, grpcError, startGrpcServer, type LocalGrpcServer } from './grpc-util.ts';
import { officialService } from './official/grpc.ts';
import { SPEECHKIT_TTS_ENUMS, SPEECHKIT_TTS_SERVICE, SPEECHKIT_TTS_V3 } from './official/speechkit.ts';
import type { Decoded } from './official/wire.ts';
import { sleep } from './http-util.ts';
import { pcmChunks, speechLikePcm } from './tone.ts';

/** Per call (last entry repeats): `ok`; `unavailable` before any audio; `unavailable-mid` after the first chunk. */
export type YandexTtsBehaviour = 'ok' | 'unavailable' | 'unavailable-mid';

/** One `UtteranceSynthesis` call as SpeechKit would see it. */
export interface YandexTtsCall {
  authorization: string | undefined;
  /** The request as SpeechKit's published v3 schema reads it (official snake_case names, proto3 defaults absent). */
  request: Decoded & { text?: string; hints?: Decoded[]; output_audio_spec?: { raw_audio?: { audio_encoding?: number; sample_rate_hertz?: number } } };
  chunksSent: number;
  cancelled: boolean;
}

export interface YandexTtsServer extends LocalGrpcServer {
  calls: YandexTtsCall[];
}

/**
 * A local gRPC server implementing `speechkit.tts.v3.Synthesizer/UtteranceSynthesis` (server streaming), reading and
 * writing bytes with the test-owned table of Yandex's published `tts.proto` (`official/speechkit.ts`): checks the `authorization` metadata, requires raw LINEAR16_PCM output,
 * and streams speech-like audio at the requested rate in `chunkMs` chunks, `chunkDelayMs` apart.
 */
export async function startYandexTtsServer(opts: {
  authorization: string;
  behaviours?: YandexTtsBehaviour[];
  chunkMs?: number;
  chunkDelayMs?: number;
}): Promise<YandexTtsServer> {
  const calls: YandexTtsCall[] = [];

  async function UtteranceSynthesis(call: ServerWritableStream<YandexTtsCall['request'], Decoded>): Promise<void> {
    const rec: YandexTtsCall = { authorization: call.metadata.get('authorization')[0]?.toString(), request: call.request, chunksSent: 0, cancelled: false };
    const behaviour = admitCall(call, rec, calls, opts, 'ok');
    if (!behaviour) return;
    if (behaviour === 'unavailable') {
      call.emit('error', grpcError(status.UNAVAILABLE, 'no healthy upstream'));
      return;
    }
    const raw = call.request.output_audio_spec?.raw_audio;
    if (!raw || raw.audio_encoding !== SPEECHKIT_TTS_ENUMS.LINEAR16_PCM || !raw.sample_rate_hertz) {
      call.emit('error', grpcError(status.INVALID_ARGUMENT, 'raw LINEAR16_PCM output with a sample rate is required'));
      return;
    }
    const text = call.request.text ?? '';
    const chunkMs = opts.chunkMs ?? 100;
    for (const [i, data] of pcmChunks(speechLikePcm(text, raw.sample_rate_hertz), raw.sample_rate_hertz, chunkMs).entries()) {
      if (rec.cancelled) return;
      if (i > 0 && opts.chunkDelayMs) await sleep(opts.chunkDelayMs);
      if (rec.cancelled) return;
      call.write({ audio_chunk: { data }, start_ms: i * chunkMs, length_ms: chunkMs });
      rec.chunksSent += 1;
      if (behaviour === 'unavailable-mid') {
        call.emit('error', grpcError(status.UNAVAILABLE, 'synthesis node restarted'));
        return;
      }
    }
    call.end();
  }

  const definition = officialService(SPEECHKIT_TTS_V3, SPEECHKIT_TTS_SERVICE, {
    UtteranceSynthesis: { request: 'UtteranceSynthesisRequest', response: 'UtteranceSynthesisResponse', requestStream: false, responseStream: true },
  });
  const server = await startGrpcServer([{ definition, implementation: { UtteranceSynthesis } }]);
  return { ...server, calls };
}
