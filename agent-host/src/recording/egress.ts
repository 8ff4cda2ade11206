import { AudioCodec, EgressClient, type EgressInfo, EgressStatus, EncodedFileOutput, EncodedFileType, EncodingOptions, S3Upload } from 'livekit-server-sdk';
import { httpUrlOf, type LiveKitCredentials } from '../hangup.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { RecordingStorage } from './storage.ts';

/** The Egress calls a recording needs (LiveKit server API, Twirp). */
export type EgressApi = Pick<EgressClient, 'startRoomCompositeEgress' | 'stopEgress' | 'listEgress'>;

/** An Egress client for the LiveKit server the agent-host works with. */
export const createEgressApi = (o: LiveKitCredentials): EgressApi => new EgressClient(httpUrlOf(o.url), o.apiKey, o.apiSecret);

/** A running recording. */
export interface Recording {
  key: string;
  egressId: string;
  /** Stops the egress and waits for its upload; resolves true once LiveKit reports the file complete. */
  stop(): Promise<boolean>;
}

/** How long a hang-up waits for the file upload after the stop, and how often it asks. */
export const defaultUploadWait = { timeoutMs: 120_000, pollMs: 1_000 } as const;

/** Phone audio is 8 kHz narrowband: Opus at 32 kbit/s keeps all of it at a quarter of the default 128 (≈ 0.24 MB a minute). */
export const RECORDING_AUDIO_KBPS = 32;

const FAILED = new Set([EgressStatus.EGRESS_FAILED, EgressStatus.EGRESS_ABORTED, EgressStatus.EGRESS_LIMIT_REACHED]);
const SETTLED = new Set([...FAILED, EgressStatus.EGRESS_COMPLETE]);

/**
 * The egress's final state: stopping one that already ended by itself (the room closed first) answers
 * `failed_precondition`, so its state is read instead; a successful stop is only EGRESS_ENDING, so the state is read
 * until the upload settles (COMPLETE or failed) or `timeoutMs` passes (undefined).
 */
async function settle(egress: EgressApi, egressId: string, wait: { timeoutMs: number; pollMs: number }): Promise<EgressInfo | undefined> {
  const read = async () => (await egress.listEgress({ egressId }))[0];
  let info = await egress.stopEgress(egressId).catch(read);
  const deadline = Date.now() + wait.timeoutMs;
  while (info && !SETTLED.has(info.status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, wait.pollMs));
    info = await read();
  }
  return info && SETTLED.has(info.status) ? info : undefined;
}

/**
 * Starts an audio-only room-composite Egress writing one OGG file to `key` in the calls bucket (S3 API, path style,
 * no manifest next to it — erasing the key erases everything). Returns null, logged, when LiveKit refuses: the call
 * goes on unrecorded. `stop()` resolves true only once the file is uploaded (EGRESS_COMPLETE), including an egress
 * that completed on its own before the hang-up, so a recording link is never handed out for a file still uploading.
 */
export async function startRecording(
  o: { egress: EgressApi; storage: RecordingStorage; roomName: string; key: string; logger?: Logger; uploadWait?: { timeoutMs: number; pollMs: number } },
): Promise<Recording | null> {
  const log = o.logger ?? silentLogger;
  const file = new EncodedFileOutput({
    fileType: EncodedFileType.OGG,
    filepath: o.key,
    disableManifest: true,
    output: {
      case: 's3',
      value: new S3Upload({ endpoint: o.storage.endpoint, bucket: o.storage.bucket, region: o.storage.region, accessKey: o.storage.accessKey, secret: o.storage.secret, forcePathStyle: true }),
    },
  });
  try {
    const encodingOptions = new EncodingOptions({ audioCodec: AudioCodec.OPUS, audioBitrate: RECORDING_AUDIO_KBPS, audioFrequency: 48000 });
    const info = await o.egress.startRoomCompositeEgress(o.roomName, file, { audioOnly: true, encodingOptions });
    log.info({ egressId: info.egressId }, 'recording started');
    return {
      key: o.key,
      egressId: info.egressId,
      stop: async () => {
        try {
          const end = await settle(o.egress, info.egressId, o.uploadWait ?? defaultUploadWait);
          if (!end) log.warn({ egressId: info.egressId }, 'recording upload not finished in time');
          else if (FAILED.has(end.status)) log.warn({ egressId: info.egressId, status: EgressStatus[end.status], error: end.error }, 'recording failed');
          return end?.status === EgressStatus.EGRESS_COMPLETE;
        } catch (err) {
          log.warn({ egressId: info.egressId, err: (err as Error).message }, 'recording stop failed');
          return false;
        }
      },
    };
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'recording not started');
    return null;
  }
}
