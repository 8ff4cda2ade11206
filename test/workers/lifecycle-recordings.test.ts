import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { recordingLink } from '../../workers/calls/recording-link.ts';
import { phoneCall, postCall, r2Keys } from './lifecycle-support.ts';
import { uniqueCallId } from './postcall-support.ts';
import { api, createCompanyWithBot, SERVICE_TOKEN } from './support.ts';

/** A few kilobytes standing in for the OGG file LiveKit Egress uploads to the calls bucket over S3. */
const OGG = new Uint8Array(4096).map((_, i) => (i < 4 ? [0x4f, 0x67, 0x67, 0x53][i]! : (i * 31) % 256));

async function recordedCall() {
  const { company, bot } = await createCompanyWithBot();
  const callId = uniqueCallId('rec');
  const key = `recordings/${bot.id}/2026/11/${callId}.ogg`;
  await env.CALLS.put(key, OGG, { httpMetadata: { contentType: 'audio/ogg' } });
  await postCall(phoneCall(bot.id, { call_id: callId, recording_key: key }));
  return { company, bot, callId, key };
}

/** The link is absolute (PUBLIC_BASE_URL); the test reaches the same path through the Worker. */
const open = (url: string, headers: Record<string, string> = {}) => SELF.fetch(`http://api.test${new URL(url).pathname}${new URL(url).search}`, { headers });

describe('call recordings: signed, short-lived links streamed from R2', { timeout: 30_000 }, () => {
  it('GET /calls/{id} returns a link that streams the recording without an API key, with byte ranges', async () => {
    const { company, callId } = await recordedCall();
    const before = Date.now();
    const detail = (await api('GET', `/calls/${callId}`, { key: company.key })).body;
    const { url, expires_at } = detail.recording;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8787/recordings/${callId}\\?expires=\\d+&sig=[0-9a-f]{64}$`));
    const ttl = Date.parse(expires_at) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);

    const full = await open(url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('audio/ogg');
    expect(full.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(OGG);

    const part = await open(url, { range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-3/${OGG.length}`);
    expect(new TextDecoder().decode(await part.arrayBuffer())).toBe('OggS');
  });

  it('refuses forged, foreign and expired links', async () => {
    const [{ company, callId, key }, other] = await Promise.all([recordedCall(), recordedCall()]);
    const { url } = (await api('GET', `/calls/${callId}`, { key: company.key })).body.recording;
    const forged = url.replace(/sig=([0-9a-f])/, (_: string, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const bad = await open(forged);
    expect(bad.status).toBe(403);
    expect((await bad.json<{ error: { code: string } }>()).error.code).toBe('forbidden');
    // A valid signature for one call opens no other call's recording.
    const swapped = await open(url.replace(callId, other.callId));
    expect(swapped.status).toBe(403);
    await swapped.arrayBuffer();

    const stale = await recordingLink(env, callId, key, Date.now() - 16 * 60_000);
    const expired = await open(stale.url);
    expect(expired.status).toBe(403);
    expect((await expired.json<{ error: { code: string } }>()).error.code).toBe('link_expired');
  });

  it('an erased call takes its recording with it, and its old link stops working', async () => {
    const { company, callId, key } = await recordedCall();
    const { url } = (await api('GET', `/calls/${callId}`, { key: company.key })).body.recording;
    expect((await api('DELETE', `/calls/${callId}`, { key: company.key })).status).toBe(204);
    expect(await r2Keys(key)).toEqual([]);
    const res = await open(url);
    expect(res.status).toBe(403);
    await res.arrayBuffer();
  });

  it('calls without a recording answer recording: null; intake rejects a key naming another call', async () => {
    const { company, bot } = await createCompanyWithBot();
    const plain = await postCall(phoneCall(bot.id, { call_id: uniqueCallId('plain') }));
    expect((await api('GET', `/calls/${plain.id}`, { key: company.key })).body.recording).toBeNull();
    const callId = uniqueCallId('mismatch');
    const res = await api('POST', '/internal/calls', { key: SERVICE_TOKEN, body: phoneCall(bot.id, { call_id: callId, recording_key: `recordings/${bot.id}/2026/11/someone-else.ogg` }) });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([{ path: 'json.recording_key', message: 'recording_key must name this call: …/{call_id}.ogg' }]);
  });
});
