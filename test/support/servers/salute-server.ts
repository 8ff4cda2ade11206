import { status, type ServerDuplexStream, type ServerWritableStream } from '@grpc/grpc-js';
import {
  saluteServices,
  type SaluteRecognitionRequest,
  type SaluteRecognitionResponse,
  type SaluteSynthesisRequest,
  type SaluteSynthesisResponse,
} from '../../../agent-host/src/providers/sber/salute-protos.ts';
import { grpcError, startGrpcServer, type LocalGrpcServer } from './grpc-util.ts';
import { sleep } from './http-util.ts';
import { SpeechSegmenter } from './speech-segmenter.ts';
import { pcmChunks, speechLikePcm } from './tone.ts';

/** Per call (last entry repeats): `ok`, `unavailable` at once, `unavailable-after-partial` mid-utterance. */
export type SaluteBehaviour = 'ok' | 'unavailable' | 'unavailable-after-partial';

export interface SaluteRecognizeCall {
  authorization: string | undefined;
  options: SaluteRecognitionRequest['options'];
  audioBytes: number;
  cancelled: boolean;
}
export interface SaluteSynthesizeCall {
  authorization: string | undefined;
  request: SaluteSynthesisRequest;
  chunksSent: number;
  cancelled: boolean;
}

export interface SaluteServer extends LocalGrpcServer {
  recognizeCalls: SaluteRecognizeCall[];
  synthesizeCalls: SaluteSynthesizeCall[];
}

/**
 * A local grpc-js server implementing SaluteSpeech's `smartspeech.recognition.v1.SmartSpeech/Recognize` and
 * `smartspeech.synthesis.v1.SmartSpeech/Synthesize` from the same .proto files the client loads. Tokens are
 * checked with `tokenIsValid` (the local Sber OAuth server): UNAUTHENTICATED for unknown or expired ones.
 * Recognition answers partial results (`eou: false`) and the utterance's final (`eou: true`); synthesis streams
 * speech-like PCM at the rate in the voice name (`Nec_8000` → 8 kHz).
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

  function Recognize(call: ServerDuplexStream<SaluteRecognitionRequest, SaluteRecognitionResponse>): void {
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
        call.write({ results: [{ text: ev.text, normalizedText: ev.text }], eou: ev.type === 'final' });
        if (ev.type === 'partial' && behaviour === 'unavailable-after-partial') fail(status.UNAVAILABLE, 'recognizer restarted');
      }
    };
    call.on('data', (req: SaluteRecognitionRequest) => {
      if (failed) return;
      if (req.options) {
        rec.options = req.options;
        if (req.options.audioEncoding !== 'PCM_S16LE' || !req.options.sampleRate) return fail(status.INVALID_ARGUMENT, 'audio_encoding and sample_rate are required');
        segmenter = new SpeechSegmenter({ sampleRate: req.options.sampleRate, phrases: opts.phrases ?? ['алло'], counter });
        return;
      }
      if (!segmenter) return fail(status.INVALID_ARGUMENT, 'options must come first');
      if (req.audioChunk) {
        rec.audioBytes += req.audioChunk.byteLength;
        send(segmenter.push(req.audioChunk));
      }
    });
    call.on('end', () => {
      if (failed) return;
      if (segmenter) send(segmenter.finish());
      call.end();
    });
  }

  async function Synthesize(call: ServerWritableStream<SaluteSynthesisRequest, SaluteSynthesisResponse>): Promise<void> {
    const rec: SaluteSynthesizeCall = { authorization: call.metadata.get('authorization')[0]?.toString(), request: call.request, chunksSent: 0, cancelled: false };
    synthesizeCalls.push(rec);
    call.on('cancelled', () => (rec.cancelled = true));
    if (!authorized(rec.authorization)) return void call.emit('error', grpcError(status.UNAUTHENTICATED, 'token is invalid or expired'));
    const behaviour = pick(opts.synthesizeBehaviours, synthesizeCalls.length);
    if (behaviour === 'unavailable') return void call.emit('error', grpcError(status.UNAVAILABLE, 'service is temporarily unavailable'));
    const rate = Number(/_(\d+)$/.exec(call.request.voice)?.[1] ?? 0);
    if (call.request.audioEncoding !== 'PCM_S16LE' || !rate) return void call.emit('error', grpcError(status.INVALID_ARGUMENT, 'unknown voice or encoding'));
    const chunkMs = opts.chunkMs ?? 100;
    for (const [i, data] of pcmChunks(speechLikePcm(call.request.text, rate), rate, chunkMs).entries()) {
      if (i > 0 && opts.chunkDelayMs) await sleep(opts.chunkDelayMs);
      if (rec.cancelled) return;
      call.write({ data, audioDuration: { seconds: 0, nanos: chunkMs * 1_000_000 } });
      rec.chunksSent += 1;
    }
    call.end();
  }

  const { recognition, synthesis } = saluteServices();
  const server = await startGrpcServer([
    { definition: recognition.service, implementation: { Recognize } },
    { definition: synthesis.service, implementation: { Synthesize } },
  ]);
  return { ...server, recognizeCalls, synthesizeCalls };
}
