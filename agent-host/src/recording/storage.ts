import { z } from 'zod';

/**
 * Where LiveKit Egress uploads recordings: the calls bucket through R2's S3-compatible endpoint
 * (`https://<account id>.r2.cloudflarestorage.com`, region `auto`, an R2 API token with write access to the bucket).
 */
export const RecordingStorageEnvSchema = z.object({
  RECORDING_S3_ENDPOINT: z.url(),
  RECORDING_S3_BUCKET: z.string().min(1).default('voicebot-calls'),
  RECORDING_S3_ACCESS_KEY_ID: z.string().min(1),
  RECORDING_S3_SECRET_ACCESS_KEY: z.string().min(1),
  RECORDING_S3_REGION: z.string().min(1).default('auto'),
});

export interface RecordingStorage {
  endpoint: string;
  bucket: string;
  accessKey: string;
  secret: string;
  region: string;
}

/** The storage from the environment, or null when recording storage is not configured (bots then are not recorded). */
export function recordingStorageFromEnv(env: Record<string, string | undefined>): RecordingStorage | null {
  if (!env.RECORDING_S3_ENDPOINT?.trim()) return null;
  const e = RecordingStorageEnvSchema.parse(env);
  return { endpoint: e.RECORDING_S3_ENDPOINT, bucket: e.RECORDING_S3_BUCKET, accessKey: e.RECORDING_S3_ACCESS_KEY_ID, secret: e.RECORDING_S3_SECRET_ACCESS_KEY, region: e.RECORDING_S3_REGION };
}

/**
 * `recordings/{bot}/{yyyy}/{mm}/{call}.ogg` (UTC month of the call's start). The API checks it ends with the call id;
 * a company's erasure deletes `recordings/{bot}/` for each of its bots.
 * @example recordingKey('bot_1', 'call-42', new Date('2026-11-20T09:00:00Z')) // 'recordings/bot_1/2026/11/call-42.ogg'
 */
export function recordingKey(botId: string, callId: string, startedAt: Date): string {
  const mm = String(startedAt.getUTCMonth() + 1).padStart(2, '0');
  return `recordings/${botId.replace(/[^A-Za-z0-9_.:-]/g, '_')}/${startedAt.getUTCFullYear()}/${mm}/${callId}.ogg`;
}
