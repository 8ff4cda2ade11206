import type { CallResult } from '../../../core/call-result.ts';
import type { BotConfig } from '../../../core/config/bot-config.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { ResultSink } from '../result-sink.ts';
import { startRecording, type EgressApi } from './egress.ts';
import { recordingKey, type RecordingStorage } from './storage.ts';

/** The bot's greeting, preceded by the recording notice when the bot records calls. */
export function withRecordingNotice(config: BotConfig): BotConfig {
  if (!config.recording?.enabled) return config;
  return { ...config, greeting: `${config.recording.phrase} ${config.greeting}` };
}

export interface CallRecordingOptions {
  config: BotConfig;
  botId: string;
  callId: string;
  roomName: string;
  /** Null when the deployment has no recording storage: nothing is recorded and nothing announced. */
  storage: RecordingStorage | null;
  egress: EgressApi;
  sink: Pick<ResultSink, 'submit'>;
  now?: () => Date;
  logger?: Logger;
  /** How long the hang-up waits for the upload (default defaultUploadWait). */
  uploadWait?: { timeoutMs: number; pollMs: number };
}

/**
 * Recording for one call, when the bot enables it: the config to run the call with (greeting with the notice), and a
 * sink that, at hang-up, stops the Egress, waits for the upload and posts the CallResult with its `recording_key` —
 * only when the file is complete (an egress that completed by itself keeps its key too). The Egress is started
 * here without waiting for it, so the greeting is not delayed by the LiveKit API round trip.
 */
export function setupCallRecording(o: CallRecordingOptions): { config: BotConfig; sink: Pick<ResultSink, 'submit'> } {
  if (!o.config.recording?.enabled || !o.storage) return { config: o.config, sink: o.sink };
  const log = o.logger ?? silentLogger;
  const key = recordingKey(o.botId, o.callId, (o.now ?? (() => new Date()))());
  const started = startRecording({ egress: o.egress, storage: o.storage, roomName: o.roomName, key, logger: log, ...(o.uploadWait ? { uploadWait: o.uploadWait } : {}) });
  return {
    config: withRecordingNotice(o.config),
    sink: {
      submit: async (result: CallResult) => {
        const recording = await started;
        const kept = recording ? await recording.stop() : false;
        return o.sink.submit(kept ? { ...result, recording_key: key } : result);
      },
    },
  };
}
