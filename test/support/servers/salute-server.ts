import { status, type ServerDuplexStream, type ServerWritableStream } from '@grpc/grpc-js';
import { grpcError, startGrpcServer, type LocalGrpcServer } from './grpc-util.ts';
import { officialService } from './official/grpc.ts';
import {
  SALUTE_AUDIO_ENCODING,
  SALUTE_EOU_REASON,
  SALUTE_RECOGNITION_SERVICE,
  SALUTE_RECOGNITION_V2,
  SALUTE_SYNTHESIS_ENCODING,
  SALUTE_SYNTHESIS_SERVICE,
  SALUTE_SYNTHESIS_V1,
} from './official/salute.ts';
import type { Decoded } from './official/wire.ts';
import { sleep } from './http-util.ts';
import { SpeechSegmenter } from './speech-segmenter.ts';
import { pcmChunks, speechLikePcm } from './tone.ts';

/** Per call (last entry repeats): `ok`, `unavailable` at once, `unavailable-after-partial` mid-utterance. */
export type SaluteBehaviour = 'ok' | 'unavailable' | 'unavailable-after-partial';

export interface SaluteRecognizeCall {
  authorization: string | undefined;
  /** The options message as Sber's v2 schema reads it (official snake_case names; proto3 defaults absent). */
  options: Decoded | undefined;
  audioBytes: number;
  cancelled: boolean;
}
export interface SaluteSynthesizeCall {
  authorization: string | undefined;
  request: Decoded;
  chunksSent: number;
  cancelled: boolean;
}

export interface SaluteServer extends LocalGrpcServer {
  recognizeCalls: SaluteRecognizeCall[];
  synthesizeCalls: SaluteSynthesizeCall[];
}

/**
 * A local grpc-js server implementing SaluteSpeech's `smartspeech.recognition.v2.SmartSpeech/Recognize` and
 * `smartspeech.synthesis.v1.SmartSpeech/Synthesize`, reading and writing bytes with the test-owned tables of Sber's
 * published schemas (`official/salute.ts`), never with the client's .proto files: a client that drifts from the
 * official field numbers fails here as it would at Sber. Tokens are checked with `tokenIsValid` (the local Sber OAuth
 * server): UNAUTHENTICATED for unknown or expired ones. Recognition opens with a `backend_info` response, then answers
 * `transcription` responses: partial results (`eou: false`) and the utterance's final (`eou: true`, reason ORGANIC);
 * synthesis streams speech-like PCM at the rate in the voice name (`Nec_8000` → 8 kHz).
 */
export async function startSaluteServer(opts: {
  tokenIsValid: (token: string) => boolean;
  phrases?: string[];
  recognizeBehaviours?: SaluteBehaviour[];
  synthesizeBehaviours?: SaluteBehaviour[];
  chunkMs?: number;
  chunkDelayMs?: number;
}): Promise<SaluteServer> {
  const recognizeCalls: SaluteRecognizeCall[] = [];
  const synthesizeCalls: SaluteSynthesizeCall[] = [];
  const counter = { n: 0 };
  const authorized = (auth: string | undefined) => !!auth?.startsWith('Bearer ') && opts.tokenIsValid(auth.slice(7));
  const pick = (list: SaluteBehaviour[] | undefined, n: number) => list?.[Math.min(n - 1, list.length - 1)] ?? 'ok';

  function Recognize(call: ServerDuplexStream<Decoded, Decoded>): void {
    const rec: SaluteRecognizeCall = { authorization: call.metadata.get('authorization')[0]?.toString(), options: undefined, audioBytes: 0, cancelled: false };
    recognizeCalls.push(rec);
    call.on('cancelled', () => (rec.cancelled = true));
    if (!authorized(rec.authorization)) return void call.emit('error', grpcError(status.UNAUTHENTICATED, 'token is invalid or expired'));
    const behaviour = pick(opts.recognizeBehaviours, recognizeCalls.length);
    if (behaviour === 'unavailable') return void call.emit('error', grpcError(status.UNAVAILABLE, 'service is temporarily unavailable'));
    let segmenter: SpeechSegmenter | undefined;
    let failed = false;
    const fail = (code: number, details: string) => {
      failed = true;
      call.emit('error', grpcError(code, details));
    };
    const send = (events: ReturnType<SpeechSegmenter['push']>) => {
      for (const ev of events) {
        if (failed || ev.type === 'eou') continue;
        const eou = ev.type === 'final';
        call.write({ transcription: { results: [{ text: ev.text, normalized_text: ev.text }], eou, eou_reason: eou ? SALUTE_EOU_REASON.ORGANIC : undefined } });
        if (ev.type === 'partial' && behaviour === 'unavailable-after-partial') fail(status.UNAVAILABLE, 'recognizer restarted');
      }
    };
    call.on('data', (req: Decoded) => {
      if (failed) return;
      const options = req.options as { audio_encoding?: number; sample_rate?: number } | undefined;
      if (options) {
        rec.options = options;
        if (options.audio_encoding !== SALUTE_AUDIO_ENCODING.PCM_S16LE || !options.sample_rate) return fail(status.INVALID_ARGUMENT, 'audio_encoding and sample_rate are required');
        segmenter = new SpeechSegmenter({ sampleRate: options.sample_rate, phrases: opts.phrases ?? ['алло'], counter });
        call.write({ backend_info: { model_name: 'callcenter', model_version: 'local', server_version: 'local' } });
        return;
      }
      if (!segmenter) return fail(status.INVALID_ARGUMENT, 'options must come first');
      const chunk = req.audio_chunk as Buffer | undefined;
      if (chunk) {
        rec.audioBytes += chunk.byteLength;
        send(segmenter.push(chunk));
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (segmenter) send(segmenter.finish());
      call.end();
    });
  }

  async function Synthesize(call: ServerWritableStream<Decoded, Decoded>): Promise<void> {
    const rec: SaluteSynthesizeCall = { authorization: call.metadata.get('authorization')[0]?.toString(), request: call.request, chunksSent: 0, cancelled: false };
    synthesizeCalls.push(rec);
    call.on('cancelled', () => (rec.cancelled = true));
    if (!authorized(rec.authorization)) return void call.emit('error', grpcError(status.UNAUTHENTICATED, 'token is invalid or expired'));
    const behaviour = pick(opts.synthesizeBehaviours, synthesizeCalls.length);
    if (behaviour === 'unavailable') return void call.emit('error', grpcError(status.UNAVAILABLE, 'service is temporarily unavailable'));
    const req = call.request as { text?: string; voice?: string; audio_encoding?: number };
    const rate = Number(/_(\d+)$/.exec(req.voice ?? '')?.[1] ?? 0);
    if (req.audio_encoding !== SALUTE_SYNTHESIS_ENCODING.PCM_S16LE || !rate) return void call.emit('error', grpcError(status.INVALID_ARGUMENT, 'unknown voice or encoding'));
    const chunkMs = opts.chunkMs ?? 100;
    for (const [i, data] of pcmChunks(speechLikePcm(req.text ?? '', rate), rate, chunkMs).entries()) {
      if (i > 0 && opts.chunkDelayMs) await sleep(opts.chunkDelayMs);
      if (rec.cancelled) return;
      call.write({ data, audio_duration: { seconds: 0, nanos: chunkMs * 1_000_000 } });
      rec.chunksSent += 1;
    }
    call.end();
  }

  const recognition = officialService(SALUTE_RECOGNITION_V2, SALUTE_RECOGNITION_SERVICE, {
    Recognize: { request: 'RecognitionRequest', response: 'RecognitionResponse', requestStream: true, responseStream: true },
  });
  const synthesis = officialService(SALUTE_SYNTHESIS_V1, SALUTE_SYNTHESIS_SERVICE, {
    Synthesize: { request: 'SynthesisRequest', response: 'SynthesisResponse', requestStream: false, responseStream: true },
  });
  const server = await startGrpcServer([
    { definition: recognition, implementation: { Recognize } },
    { definition: synthesis, implementation: { Synthesize } },
  ]);
  return { ...server, recognizeCalls, synthesizeCalls };
}
