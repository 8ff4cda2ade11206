import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import { admitCall, grpcError, startGrpcServer, type LocalGrpcServer } from './grpc-util.ts';
import { officialService } from './official/grpc.ts';
import { SPEECHKIT_STT_SERVICE, SPEECHKIT_STT_V3 } from './official/speechkit.ts';
import type { Decoded } from './official/wire.ts';
import { SpeechSegmenter } from './speech-segmenter.ts';

/**
 * Per call (index = call number, last entry repeats): `ok` recognizes; `unavailable-after-partial` sends one
 * partial, then fails the call with UNAVAILABLE (a node going away mid-call); `unavailable` fails at once.
 */
export type YandexSttBehaviour = 'ok' | 'unavailable-after-partial' | 'unavailable';

/** SpeechKit's per-stream limits for streaming recognition (Quotas and limits: 5 min of audio, 10 MB of data). */
export const SPEECHKIT_STREAM_LIMITS = { maxAudioMs: 5 * 60_000, maxBytes: 10 * 1024 * 1024 } as const;

/** One `RecognizeStreaming` call as SpeechKit would see it. */
export interface YandexSttCall {
  authorization: string | undefined;
  folderId: string | undefined;
  /** `session_options` as SpeechKit's published v3 schema reads it (official snake_case names, proto3 defaults absent). */
  options: (Decoded & Options) | undefined;
  audioBytes: number;
  eouRequests: number;
  /** The client cancelled the call (barge-in, hang-up, fallback). */
  cancelled: boolean;
  ended: boolean;
}

export interface YandexSttServer extends LocalGrpcServer {
  calls: YandexSttCall[];
}

/** The parts of `session_options` tests look into. */
export type Options = { recognition_model?: { audio_format?: { raw_audio?: { sample_rate_hertz?: number } } }; eou_classifier?: { external_classifier?: object } };

/**
 * A local gRPC server implementing `speechkit.stt.v3.Recognizer/RecognizeStreaming`, reading and writing bytes with
 * the test-owned table of Yandex's published `stt.proto` (`official/speechkit.ts`), not the SDK the client uses:
 * checks `authorization: Api-Key …`/`Bearer …` metadata (UNAUTHENTICATED otherwise), takes session options then
 * LPCM chunks, answers `partial`, `final` and `eou_update` from an energy detector (see {@link SpeechSegmenter}),
 * refuses an `eou` request unless the external classifier was chosen (the API: "works only with external EOU
 * detector") and fails a stream past SpeechKit's per-stream limits with OUT_OF_RANGE.
 */
export async function startYandexSttServer(opts: {
  authorization: string;
  phrases: string[];
  behaviours?: YandexSttBehaviour[];
  limits?: { maxAudioMs: number; maxBytes: number };
}): Promise<YandexSttServer> {
  const calls: YandexSttCall[] = [];
  const counter = { n: 0 };
  const limits = opts.limits ?? SPEECHKIT_STREAM_LIMITS;
  const sessionUuid = () => ({ uuid: `yc-${calls.length}` });

  function RecognizeStreaming(call: ServerDuplexStream<Decoded, Decoded>): void {
    const md = call.metadata;
    const rec: YandexSttCall = {
      authorization: md.get('authorization')[0]?.toString(),
      folderId: md.get('x-folder-id')[0]?.toString(),
      options: undefined,
      audioBytes: 0,
      eouRequests: 0,
      cancelled: false,
      ended: false,
    };
    const behaviour = admitCall(call, rec, calls, opts, 'ok');
    if (!behaviour) return;
    if (behaviour === 'unavailable') return void call.emit('error', grpcError(status.UNAVAILABLE, 'upstream connect error'));
    let segmenter: SpeechSegmenter | undefined;
    let rate = 0;
    let failed = false;
    const fail = (code: number, details: string) => {
      failed = true;
      call.emit('error', grpcError(code, details));
    };
    const send = (events: ReturnType<SpeechSegmenter['push']>) => {
      for (const ev of events) {
        if (failed) return;
        const base = { session_uuid: sessionUuid(), channel_tag: '0' };
        const alt = (text: string) => ({ alternatives: [{ text, confidence: 0.9 }], channel_tag: '0' });
        if (ev.type === 'partial') call.write({ ...base, partial: alt(ev.text) });
        if (ev.type === 'final') call.write({ ...base, final: alt(ev.text) });
        if (ev.type === 'eou') call.write({ ...base, eou_update: { time_ms: segmenter?.audioMs ?? 0 } });
        if (ev.type === 'partial' && behaviour === 'unavailable-after-partial') fail(status.UNAVAILABLE, 'recognizer node is shutting down');
      }
    };
    call.on('data', (req: Decoded) => {
      if (failed) return;
      const options = req.session_options as Options | undefined;
      if (options) {
        rec.options = options as Decoded & Options;
        rate = options.recognition_model?.audio_format?.raw_audio?.sample_rate_hertz ?? 0;
        if (!rate) return fail(status.INVALID_ARGUMENT, 'audio format is not set');
        segmenter = new SpeechSegmenter({ sampleRate: rate, phrases: opts.phrases, counter });
        return;
      }
      if (!segmenter) return fail(status.INVALID_ARGUMENT, 'session options must come first');
      const chunk = (req.chunk as { data?: Buffer } | undefined)?.data;
      if (chunk) {
        rec.audioBytes += chunk.byteLength;
        if (rec.audioBytes > limits.maxBytes || (rec.audioBytes / 2 / rate) * 1000 > limits.maxAudioMs) {
          return fail(status.OUT_OF_RANGE, 'stream audio limit exceeded');
        }
        send(segmenter.push(chunk));
      }
      if (req.eou) {
        rec.eouRequests += 1;
        if (!rec.options?.eou_classifier?.external_classifier) return fail(status.INVALID_ARGUMENT, 'eou works only with the external classifier');
        send(segmenter.finish());
      }
    });
    call.on('end', () => {
      rec.ended = true;
      if (failed) return;
      if (segmenter) send(segmenter.finish());
      call.end();
    });
  }

  const definition = officialService(SPEECHKIT_STT_V3, SPEECHKIT_STT_SERVICE, {
    RecognizeStreaming: { request: 'StreamingRequest', response: 'StreamingResponse', requestStream: true, responseStream: true },
  });
  const server = await startGrpcServer([{ definition, implementation: { RecognizeStreaming } }]);
  return { ...server, calls };
}
