import type { ClientReadableStream } from '@grpc/grpc-js';
import { grpcFailure, type CredentialHint } from '../grpc.ts';
import { PcmChunkedStream } from './pcm-chunked-stream.ts';

/**
 * A {@link PcmChunkedStream} over a server-streaming gRPC synthesis call (SpeechKit, SaluteSpeech): the call is
 * cancelled when the stream is aborted (barge-in), each response's audio is passed on as it arrives, and a
 * failed call becomes a ProviderError that names the provider's credentials.
 */
export abstract class GrpcPcmChunkedStream<Res> extends PcmChunkedStream {
  /** Whose credentials a refused call names. */
  protected abstract readonly hint: CredentialHint;

  /** Starts the call (after any token fetch); null when the stream was aborted meanwhile. */
  protected abstract openCall(): Promise<ClientReadableStream<Res> | null> | ClientReadableStream<Res>;

  /** The audio bytes of one response, if it has any. */
  protected abstract audioOf(res: Res): Uint8Array | undefined;

  protected async *pcm(): AsyncIterable<Uint8Array> {
    let call: ClientReadableStream<Res> | null = null;
    const onAbort = () => call?.cancel();
    this.abortSignal.addEventListener('abort', onAbort, { once: true });
    try {
      call = await this.openCall();
      if (!call) return;
      for await (const res of call as AsyncIterable<Res>) {
        const data = this.audioOf(res);
        if (data?.byteLength) yield new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      }
    } catch (e) {
      if (this.abortSignal.aborted) return;
      throw grpcFailure(e, this.hint);
    } finally {
      this.abortSignal.removeEventListener('abort', onAbort);
    }
  }
}
