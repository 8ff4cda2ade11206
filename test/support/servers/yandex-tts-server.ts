import { status, type ServerWritableStream } from '@grpc/grpc-js';
import {
  RawAudio_AudioEncoding,
  UtteranceSynthesisResponse,
  type UtteranceSynthesisRequest,
} from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/tts/v3/tts';
import { SynthesizerService } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/tts/v3/tts_service';
import { admitCall, grpcError, startGrpcServer, type LocalGrpcServer } from './grpc-util.ts';
import { sleep } from './http-util.ts';
import { pcmChunks, speechLikePcm } from './tone.ts';

/** Per call (last entry repeats): `ok`; `unavailable` before any audio; `unavailable-mid` after the first chunk. */
export type YandexTtsBehaviour = 'ok' | 'unavailable' | 'unavailable-mid';

/** One `UtteranceSynthesis` call as SpeechKit would see it. */
export interface YandexTtsCall {
  authorization: string | undefined;
  request: UtteranceSynthesisRequest;
  chunksSent: number;
  cancelled: boolean;
}

export interface YandexTtsServer extends LocalGrpcServer {
  calls: YandexTtsCall[];
}

/**
 * A local gRPC server implementing `speechkit.tts.v3.Synthesizer/UtteranceSynthesis` (server streaming) with the
 * SDK's generated service definition: checks the `authorization` metadata, requires raw LINEAR16_PCM output,
 * and streams speech-like audio at the requested rate in `chunkMs` chunks, `chunkDelayMs` apart.
 */
export async function startYandexTtsServer(opts: {
  authorization: string;
  behaviours?: YandexTtsBehaviour[];
  chunkMs?: number;
  chunkDelayMs?: number;
}): Promise<YandexTtsServer> {
  const calls: YandexTtsCall[] = [];

  async function utteranceSynthesis(call: ServerWritableStream<UtteranceSynthesisRequest, UtteranceSynthesisResponse>): Promise<void> {
    const rec: YandexTtsCall = { authorization: call.metadata.get('authorization')[0]?.toString(), request: call.request, chunksSent: 0, cancelled: false };
    const behaviour = admitCall(call, rec, calls, opts, 'ok');
    if (!behaviour) return;
    if (behaviour === 'unavailable') {
      call.emit('error', grpcError(status.UNAVAILABLE, 'no healthy upstream'));
      return;
    }
    const raw = call.request.outputAudioSpec?.rawAudio;
    if (!raw || raw.audioEncoding !== RawAudio_AudioEncoding.LINEAR16_PCM || !raw.sampleRateHertz) {
      call.emit('error', grpcError(status.INVALID_ARGUMENT, 'raw LINEAR16_PCM output with a sample rate is required'));
      return;
    }
    const text = call.request.text ?? '';
    const chunkMs = opts.chunkMs ?? 100;
    for (const [i, data] of pcmChunks(speechLikePcm(text, raw.sampleRateHertz), raw.sampleRateHertz, chunkMs).entries()) {
      if (rec.cancelled) return;
      if (i > 0 && opts.chunkDelayMs) await sleep(opts.chunkDelayMs);
      if (rec.cancelled) return;
      call.write(UtteranceSynthesisResponse.fromPartial({ audioChunk: { data }, startMs: i * chunkMs, lengthMs: chunkMs }));
      rec.chunksSent += 1;
      if (behaviour === 'unavailable-mid') {
        call.emit('error', grpcError(status.UNAVAILABLE, 'synthesis node restarted'));
        return;
      }
    }
    call.end();
  }

  const server = await startGrpcServer([
    { definition: SynthesizerService, implementation: { utteranceSynthesis, streamSynthesis: (c: { emit: (e: string, err: Error) => void }) => c.emit('error', grpcError(status.UNIMPLEMENTED, 'not used')) } },
  ]);
  return { ...server, calls };
}
