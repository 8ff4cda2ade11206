import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallResultSchema, type CallResult } from '../../../core/call-result.ts';
import { RealtimeAgent } from '../../../agent-host/src/realtime-agent.ts';
import { createEgressApi, recordingKey, recordingStorageFromEnv, setupCallRecording, type RecordingStorage } from '../../../agent-host/src/recording/index.ts';
import { type LivekitTwirpServer, startLivekitTwirpServer } from '../../support/servers/livekit-twirp-server.ts';
import { loadConfig, NOW } from '../../core/engine/harness.ts';

const lk = { apiKey: 'APIrecord1', apiSecret: 'sec_0a1b2c3d4e5f60718293a4b5c6d7e8f9' };
const storage: RecordingStorage = recordingStorageFromEnv({
  RECORDING_S3_ENDPOINT: 'https://0123456789abcdef.r2.cloudflarestorage.com',
  RECORDING_S3_ACCESS_KEY_ID: 'r2-access-key',
  RECORDING_S3_SECRET_ACCESS_KEY: 'r2-secret-key',
})!;
const salon = loadConfig('salon-bot-1');
const recorded = { ...salon, recording: { enabled: true, phrase: 'внимание разговор записывается' } };
const CALL_ID = 'AJ_rec7Hq2Lm9';
const ROOM = 'call-_+79161234567_Xy12';

let livekit: LivekitTwirpServer;
beforeEach(async () => {
  livekit = await startLivekitTwirpServer(lk);
});
afterEach(() => livekit.close());

/** A finished call as the CallController would post it. */
async function finishedCall(config: typeof salon): Promise<CallResult> {
  let t = NOW.getTime();
  const agent = new RealtimeAgent({ config, clock: () => new Date((t += 1000)) });
  await agent.onCallStart({ callId: CALL_ID, callerNumber: '+79161234567' });
  await agent.onSpeech('ну эээ здравствуйте хочу на маникюр');
  return agent.onCallEnd('caller');
}

function wire(config: typeof salon, opts: { storage?: RecordingStorage | null; uploadWaitMs?: number } = {}) {
  const posted: CallResult[] = [];
  /** The egress's status at the moment each result was posted. */
  const statusAtPost: string[] = [];
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => done(void lines.push(String(chunk))) }));
  const rec = setupCallRecording({
    config,
    botId: 'bot_salon01',
    callId: CALL_ID,
    roomName: ROOM,
    storage: opts.storage === undefined ? storage : opts.storage,
    egress: createEgressApi({ url: livekit.url.replace(/^http/, 'ws'), ...lk }),
    sink: { submit: async (r) => (posted.push(r), statusAtPost.push(...[...livekit.egresses.values()].map((e) => e.status)), 'sent' as const) },
    now: () => NOW,
    logger,
    uploadWait: { timeoutMs: opts.uploadWaitMs ?? 2_000, pollMs: 20 },
  });
  return { rec, posted, statusAtPost, logs: () => lines.map((l) => JSON.parse(l) as { msg: string }) };
}

describe('call recording through LiveKit Egress (local Twirp server)', () => {
  it('starts an audio-only OGG room composite to R2 over S3 at call start, stops it at hang-up, posts the key', async () => {
    const { rec, posted, statusAtPost } = wire(recorded);
    const key = recordingKey('bot_salon01', CALL_ID, NOW);
    expect(key).toBe(`recordings/bot_salon01/${NOW.getUTCFullYear()}/${String(NOW.getUTCMonth() + 1).padStart(2, '0')}/${CALL_ID}.ogg`);

    // The notice is part of the greeting the engine speaks.
    const greeting = await new RealtimeAgent({ config: rec.config }).onCallStart({ callId: CALL_ID });
    expect(greeting).toBe(`внимание разговор записывается ${salon.greeting}`);

    const result = await finishedCall(rec.config);
    expect(await rec.sink.submit(result)).toBe('sent');

    const [start, stop] = livekit.calls;
    expect(start?.method).toBe('Egress/StartRoomCompositeEgress');
    expect(start?.claims?.video?.roomRecord).toBe(true);
    expect(start?.body).toMatchObject({
      roomName: ROOM,
      audioOnly: true,
      advanced: { audioCodec: 'OPUS', audioBitrate: 32, audioFrequency: 48000 },
      fileOutputs: [{
        fileType: 'OGG',
        filepath: key,
        disableManifest: true,
        s3: { endpoint: 'https://0123456789abcdef.r2.cloudflarestorage.com', bucket: 'voicebot-calls', region: 'auto', accessKey: 'r2-access-key', secret: 'r2-secret-key', forcePathStyle: true },
      }],
    });
    const egressId = [...livekit.egresses.keys()][0];
    expect(stop).toMatchObject({ method: 'Egress/StopEgress', body: { egressId } });
    // the stop answered EGRESS_ENDING; the key was posted only once the upload completed
    expect(livekit.calls.slice(2).every((c) => c.method === 'Egress/ListEgress' && c.body.egressId === egressId)).toBe(true);
    expect(statusAtPost).toEqual(['EGRESS_COMPLETE']);

    expect(posted).toHaveLength(1);
    expect(posted[0]!.recording_key).toBe(key);
    expect(posted[0]!.turns[0]!.text).toBe(greeting);
    expect(CallResultSchema.parse(posted[0]).recording_key).toBe(key);
  });

  it('a call goes on unrecorded when LiveKit refuses the egress, and its result names no recording', async () => {
    livekit.failNext('Egress/StartRoomCompositeEgress', 503, 'unavailable', 'no egress workers available');
    const { rec, posted, logs } = wire(recorded);
    await rec.sink.submit(await finishedCall(rec.config));
    expect(posted[0]!.recording_key).toBeUndefined();
    expect(livekit.calls.map((c) => c.method)).toEqual(['Egress/StartRoomCompositeEgress']);
    expect(logs().map((l) => l.msg)).toEqual(['recording not started']);
  });

  it('an egress that failed while recording is not posted as a recording', async () => {
    const { rec, posted, logs } = wire(recorded);
    const result = await finishedCall(rec.config);
    await waitUntil(() => livekit.egresses.size === 1);
    for (const e of livekit.egresses.values()) Object.assign(e, { status: 'EGRESS_FAILED', error: 'upload: AccessDenied' });
    await rec.sink.submit(result);
    expect(posted[0]!.recording_key).toBeUndefined();
    expect(logs().map((l) => l.msg)).toEqual(['recording started', 'recording failed']);
  });

  it('an egress that completed on its own before the hang-up (stop answers failed_precondition) keeps its key', async () => {
    const { rec, posted, logs } = wire(recorded);
    const result = await finishedCall(rec.config);
    await waitUntil(() => livekit.egresses.size === 1);
    for (const e of livekit.egresses.values()) e.status = 'EGRESS_COMPLETE';
    await rec.sink.submit(result);
    expect(posted[0]!.recording_key).toBe(recordingKey('bot_salon01', CALL_ID, NOW));
    expect(livekit.calls.map((c) => c.method)).toEqual(['Egress/StartRoomCompositeEgress', 'Egress/StopEgress', 'Egress/ListEgress']);
    expect(logs().map((l) => l.msg)).toEqual(['recording started']);
  });

  it('an upload that does not finish within the wait is not handed out as a recording', async () => {
    await livekit.close();
    livekit = await startLivekitTwirpServer({ ...lk, egressUploadMs: 60_000 });
    const { rec, posted, logs } = wire(recorded, { uploadWaitMs: 200 });
    await rec.sink.submit(await finishedCall(rec.config));
    expect(posted[0]!.recording_key).toBeUndefined();
    expect(logs().map((l) => l.msg)).toEqual(['recording started', 'recording upload not finished in time']);
  });

  it('bots without recording, and deployments without storage, record nothing and announce nothing', async () => {
    for (const { config, storage: s } of [{ config: salon, storage }, { config: recorded, storage: null }]) {
      const { rec, posted } = wire(config, { storage: s });
      expect(rec.config.greeting).toBe(salon.greeting);
      await rec.sink.submit(await finishedCall(rec.config));
      expect(posted[0]!.recording_key).toBeUndefined();
    }
    expect(livekit.calls).toEqual([]);
    expect(recordingStorageFromEnv({})).toBeNull();
  });
});

/** Waits for the local server to have seen a request (the egress start is not awaited by design). */
async function waitUntil(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}
