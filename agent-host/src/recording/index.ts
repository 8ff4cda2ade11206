export { setupCallRecording, withRecordingNotice, type CallRecordingOptions } from './call-recording.ts';
export { createEgressApi, startRecording, type EgressApi, type Recording } from './egress.ts';
export { recordingKey, recordingStorageFromEnv, type RecordingStorage } from './storage.ts';
