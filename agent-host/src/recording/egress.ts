import { AudioCodec, EgressClient, EgressStatus, EncodedFileOutput, EncodedFileType, EncodingOptions, S3Upload } from 'livekit-server-sdk';
import { httpUrlOf, type LiveKitCredentials } from '../hangup.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { RecordingStorage } from './storage.ts';

/** The two Egress calls a recording needs (LiveKit server API, Twirp). */
export type EgressApi = Pick<EgressClient, 'startRoomCompositeEgress' | 'stopEgress'>;

/** An Egress client for the LiveKit server the agent-host works with. */
export const createEgressApi = (o: LiveKitCredentials): EgressApi => new EgressClient(httpUrlOf(o.url), o.apiKey, o.apiSecret);

/** A running recording. */
export interface Recording {
  key: string;
  egressId: string;
  /** Stops the egress; resolves true when LiveKit reports the file as being finished (not failed or aborted). */
  stop(): Promise<boolean>;
}

/** Phone audio is 8 kHz narrowband: Opus at 32 kbit/s keeps all of it at a quarter of the default 128 (≈ 0.24 MB a minute). */
export const RECORDING_AUDIO_KBPS = 32;

const FAILED = new Set([EgressStatus.EGRESS_FAILED, EgressStatus.EGRESS_ABORTED, EgressStatus.EGRESS_LIMIT_REACHED]);

/**
 * Starts an audio-only room-composite Egress writing one OGG file to `key` in the calls bucket (S3 API, path style,
 * no manifest next to it — erasing the key erases everything). Returns null, logged, when LiveKit refuses: the call
 * goes on unrecorded.
 */
export async function startRecording(
  o: { egress: EgressApi; storage: RecordingStorage; roomName: string; key: string; logger?: Logger },
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
          const end = await o.egress.stopEgress(info.egressId);
          if (FAILED.has(end.status)) log.warn({ egressId: info.egressId, status: EgressStatus[end.status], error: end.error }, 'recording failed');
          return !FAILED.has(end.status);
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
