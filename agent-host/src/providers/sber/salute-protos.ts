import { fileURLToPath } from 'node:url';
import { loadPackageDefinition, type ServiceClientConstructor, type ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const PROTO_DIR = fileURLToPath(new URL('../../../protos/salute/', import.meta.url));

/** camelCase objects, enums as names, longs as numbers, defaults filled in. */
const LOADER = { keepCase: false, longs: Number, enums: String, defaults: true, oneofs: true } as const;

interface Duration {
  seconds: number;
  nanos: number;
}

/** `smartspeech.recognition.v2` messages as proto-loader shapes them. */
export interface SaluteRecognitionRequest {
  options?: {
    audioEncoding: 'PCM_S16LE';
    sampleRate: number;
    channelsCount: number;
    language: string;
    model: string;
    enableMultiUtterance: { enable: boolean };
    enablePartialResults: { enable: boolean };
    hypothesesCount: number;
    hints?: { words: string[]; eouTimeout?: Duration };
    normalizationOptions?: { enable: { enable: boolean } };
  };
  audioChunk?: Buffer;
}
/** One transcription: partial results while `eou` is false, the utterance's final when true. */
export interface SaluteTranscription {
  results: { text: string; normalizedText: string }[];
  eou: boolean;
  eouReason: 'UNSPECIFIED' | 'ORGANIC' | 'NO_SPEECH_TIMEOUT' | 'MAX_SPEECH_TIMEOUT';
}
/** The v2 response `oneof`: `response` names the member that is set. */
export interface SaluteRecognitionResponse {
  response?: 'transcription' | 'backendInfo' | 'insight' | 'vad';
  transcription?: SaluteTranscription | null;
}

/** `smartspeech.synthesis.v1` messages. */
export interface SaluteSynthesisRequest {
  text: string;
  audioEncoding: 'PCM_S16LE' | 'OPUS' | 'WAV';
  language: string;
  contentType: 'TEXT' | 'SSML';
  voice: string;
}
export interface SaluteSynthesisResponse {
  data: Buffer;
  audioDuration?: Duration;
}

type Service = ServiceClientConstructor & { service: ServiceDefinition };

function load(file: string, pkg: string[]): Service {
  const root = loadPackageDefinition(loadSync(`${PROTO_DIR}${file}`, LOADER)) as Record<string, unknown>;
  const svc = pkg.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
  return svc as Service;
}

let cache: { recognition: Service; synthesis: Service } | undefined;

/** The SaluteSpeech services from `agent-host/protos/salute` (loaded once): client constructors with `.service`. */
export function saluteServices(): { recognition: Service; synthesis: Service } {
  cache ??= {
    recognition: load('recognition.proto', ['smartspeech', 'recognition', 'v2', 'SmartSpeech']),
    synthesis: load('synthesis.proto', ['smartspeech', 'synthesis', 'v1', 'SmartSpeech']),
  };
  return cache;
}
