import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import {
  StreamingResponse,
  type StreamingOptions,
  type StreamingRequest,
} from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/stt/v3/stt';
import { RecognizerService } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/stt/v3/stt_service';
import { admitCall, grpcError, startGrpcServer, type LocalGrpcServer } from './grpc-util.ts';
import { SpeechSegmenter } from './speech-segmenter.ts';

/**
 * Per call (index = call number, last entry repeats): `ok` recognizes; `unavailable-after-partial` sends one
 * partial, then fails the call with UNAVAILABLE (a node going away mid-call); `unavailable` fails at once.
 */
export type YandexSttBehaviour = 'ok' | 'unavailable-after-partial' | 'unavailable';

/** One `RecognizeStreaming` call as SpeechKit would see it. */
export interface YandexSttCall {
  authorization: string | undefined;
  folderId: string | undefined;
  options: StreamingOptions | undefined;
  audioBytes: number;
  eouRequests: number;
  /** The client cancelled the call (barge-in, hang-up, fallback). */
  cancelled: boolean;
  ended: boolean;
}

export interface YandexSttServer extends LocalGrpcServer {
  calls: YandexSttCall[];
}

/**
 * A local gRPC server implementing `speechkit.stt.v3.Recognizer/RecognizeStreaming` with the service definition
 * generated in `@yandex-cloud/nodejs-sdk`: checks `authorization: Api-Key …`/`Bearer …` metadata
 * (UNAUTHENTICATED otherwise), takes session options then LPCM chunks, and answers with `partial`, `final` and
 * `eou_update` messages from an energy detector (see {@link SpeechSegmenter}).
 */
export async function startYandexSttServer(opts: {
  authorization: string;
  phrases: string[];
  behaviours?: YandexSttBehaviour[];
}): Promise<YandexSttServer> {
  const calls: YandexSttCall[] = [];
  const counter = { n: 0 };
  const sessionUuid = () => ({ uuid: `yc-${calls.length}`, userRequestId: '' });

  function recognizeStreaming(call: ServerDuplexStream<StreamingRequest, StreamingResponse>): void {
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
    if (behaviour === 'unavailable') {
      call.emit('error', grpcError(status.UNAVAILABLE, 'upstream connect error'));
      return;
    }
    let segmenter: SpeechSegmenter | undefined;
    let failed = false;
    const send = (events: ReturnType<SpeechSegmenter['push']>) => {
      for (const ev of events) {
        if (failed) return;
        const base = { sessionUuid: sessionUuid(), channelTag: '0' };
        const alt = (text: string) => ({ alternatives: [{ text, words: [], startTimeMs: 0, endTimeMs: 0, confidence: 0.9, languages: [] }], channelTag: '0' });
        if (ev.type === 'partial') call.write(StreamingResponse.fromPartial({ ...base, partial: alt(ev.text) }));
        if (ev.type === 'final') call.write(StreamingResponse.fromPartial({ ...base, final: alt(ev.text) }));
        if (ev.type === 'eou') call.write(StreamingResponse.fromPartial({ ...base, eouUpdate: { timeMs: segmenter?.audioMs ?? 0 } }));
        if (ev.type === 'partial' && behaviour === 'unavailable-after-partial') {
          failed = true;
          call.emit('error', grpcError(status.UNAVAILABLE, 'recognizer node is shutting down'));
        }
      }
    };
    call.on('data', (req: StreamingRequest) => {
      if (failed) return;
      if (req.sessionOptions) {
        rec.options = req.sessionOptions;
        const rate = req.sessionOptions.recognitionModel?.audioFormat?.rawAudio?.sampleRateHertz ?? 0;
        if (!rate) {
          failed = true;
          call.emit('error', grpcError(status.INVALID_ARGUMENT, 'audio format is not set'));
          return;
        }
        segmenter = new SpeechSegmenter({ sampleRate: rate, phrases: opts.phrases, counter });
        return;
      }
      if (!segmenter) {
        failed = true;
        call.emit('error', grpcError(status.INVALID_ARGUMENT, 'session options must come first'));
        return;
      }
      if (req.chunk) {
        rec.audioBytes += req.chunk.data.byteLength;
        send(segmenter.push(req.chunk.data));
      }
      if (req.eou) {
        rec.eouRequests += 1;
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

  const server = await startGrpcServer([{ definition: RecognizerService, implementation: { recognizeStreaming } }]);
  return { ...server, calls };
}
