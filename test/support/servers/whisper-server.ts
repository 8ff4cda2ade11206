import { parseWav } from '../../../agent-host/src/providers/audio.ts';
import { type LocalServer, readBody, sendJson, startLocalServer } from './http-util.ts';

/** One `/v1/audio/transcriptions` request as the server saw it. */
export interface WhisperRequest {
  authorization: string | undefined;
  model: string | undefined;
  language: string | undefined;
  responseFormat: string | undefined;
  audioMs: number;
  sampleRate: number;
}

export interface WhisperServer extends LocalServer {
  requests: WhisperRequest[];
}

/**
 * A local OpenAI-compatible transcription server (faster-whisper-server / whisper.cpp style):
 * `POST /v1/audio/transcriptions`, multipart form with `file` (WAV), `model`, `language`, `response_format`;
 * answers `{"text": "..."}`. `status` makes every request fail with that HTTP status (OpenAI error JSON).
 */
export async function startWhisperServer(opts: { phrases: string[]; apiKey?: string; status?: number }): Promise<WhisperServer> {
  const requests: WhisperRequest[] = [];
  let n = 0;
  const local = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/audio/transcriptions') return sendJson(res, 404, { error: { message: 'not found' } });
    const body = await readBody(req);
    const form = await new Request('http://x', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body }).formData();
    const file = form.get('file');
    const wav = file instanceof Blob ? parseWav(new Uint8Array(await file.arrayBuffer())) : undefined;
    requests.push({
      authorization: req.headers.authorization,
      model: form.get('model')?.toString(),
      language: form.get('language')?.toString(),
      responseFormat: form.get('response_format')?.toString(),
      audioMs: wav ? (wav.pcm.byteLength / 2 / wav.sampleRate) * 1000 : 0,
      sampleRate: wav?.sampleRate ?? 0,
    });
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (opts.status) return sendJson(res, opts.status, { error: { message: `status ${opts.status}`, type: 'server_error' } });
    if (!wav) return sendJson(res, 400, { error: { message: 'file is required' } });
    const text = opts.phrases[n % opts.phrases.length] ?? '';
    n += 1;
    sendJson(res, 200, { text });
  });
  return { ...local, requests };
}
