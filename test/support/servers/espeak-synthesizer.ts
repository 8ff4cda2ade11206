import { spawn } from 'node:child_process';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { UtteranceSynthesisResponse, type UtteranceSynthesisRequest } from '@yandex-cloud/nodejs-sdk/dist/generated/yandex/cloud/ai/tts/v3/tts';
import { grpcError } from './grpc-util.ts';

/** espeak-ng voice and rate of the bot on the phone stack. */
export const ESPEAK_BOT_VOICE = { voice: 'ru+f3', wordsPerMinute: 155 } as const;

/**
 * `speechkit.tts.v3.Synthesizer/UtteranceSynthesis` for the local SpeechKit protocol server of the phone stack,
 * speaking with espeak-ng (a real, if robotic, Russian voice) instead of SpeechKit's voices: espeak-ng → sox at
 * the requested LINEAR16 rate, streamed back in chunks as sox produces them.
 */
export function espeakUtteranceSynthesis(call: ServerWritableStream<UtteranceSynthesisRequest, UtteranceSynthesisResponse>): void {
  const rate = call.request.outputAudioSpec?.rawAudio?.sampleRateHertz;
  if (!rate) {
    call.emit('error', grpcError(status.INVALID_ARGUMENT, 'raw LINEAR16_PCM output with a sample rate is required'));
    return;
  }
  const espeak = spawn('espeak-ng', ['-v', ESPEAK_BOT_VOICE.voice, '-s', String(ESPEAK_BOT_VOICE.wordsPerMinute), '--stdout'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const sox = spawn('sox', ['-V1', '-t', 'wav', '-', '-t', 'raw', '-r', String(rate), '-e', 'signed', '-b', '16', '-c', '1', '-'], { stdio: ['pipe', 'pipe', 'ignore'] });
  espeak.stdout.pipe(sox.stdin);
  let carry = Buffer.alloc(0);
  let sentMs = 0;
  const chunkBytes = (rate / 10) * 2; // 100 ms
  const emit = (data: Buffer) => {
    const ms = (data.byteLength / 2 / rate) * 1000;
    call.write(UtteranceSynthesisResponse.fromPartial({ audioChunk: { data }, startMs: Math.round(sentMs), lengthMs: Math.round(ms) }));
    sentMs += ms;
  };
  sox.stdout.on('data', (d: Buffer) => {
    let buf = Buffer.concat([carry, d]);
    for (; buf.byteLength >= chunkBytes; buf = buf.subarray(chunkBytes)) emit(Buffer.from(buf.subarray(0, chunkBytes)));
    carry = Buffer.from(buf);
  });
  const fail = (what: string) => call.emit('error', grpcError(status.INTERNAL, `${what} failed (apt-get install -y espeak-ng sox)`));
  espeak.on('error', () => fail('espeak-ng'));
  sox.on('error', () => fail('sox'));
  sox.on('close', (code) => {
    if (code !== 0) return fail('sox');
    if (carry.byteLength >= 2) emit(carry.subarray(0, carry.byteLength - (carry.byteLength % 2)));
    call.end();
  });
  call.on('cancelled', () => {
    espeak.kill('SIGKILL');
    sox.kill('SIGKILL');
  });
  // A cancelled synthesis kills both: writes into their closed pipes are expected then.
  for (const pipe of [espeak.stdin, espeak.stdout, sox.stdin, sox.stdout]) pipe.on('error', () => undefined);
  espeak.stdin.end(call.request.text ?? '');
}
