import { readText, sendJson, sleep, startLocalServer, type LocalServer } from './http-util.ts';
import { pcmChunks, speechLikePcm } from './tone.ts';

/** One `/v1/audio/speech` request. */
export interface SpeechRequest {
  authorization: string | undefined;
  body: { model: string; input: string; voice: string; response_format?: string; speed?: number };
  chunksSent: number;
  /** The client closed the connection before the audio ended (barge-in). */
  aborted: boolean;
}

export interface OpenAITtsServer extends LocalServer {
  requests: SpeechRequest[];
}

/** WAV header as streaming speech servers write it: sizes unknown (0xFFFFFFFF). */
function streamingWavHeader(sampleRate: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(0xffffffff, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(0xffffffff, 40);
  return h;
}

/**
 * A local server speaking the OpenAI-compatible speech API as self-hosted Piper/Silero servers do
 * (openedai-speech): `POST /v1/audio/speech` with `{model, input, voice, response_format}`; `wav` is streamed
 * chunk by chunk (header first, at `sampleRate`), `pcm` raw. Optional Bearer key; `status` forces an error.
 */
export async function startOpenAITtsServer(opts: {
  apiKey?: string;
  sampleRate?: number;
  status?: number;
  chunkMs?: number;
  chunkDelayMs?: number;
}): Promise<OpenAITtsServer> {
  const rate = opts.sampleRate ?? 22_050;
  const requests: SpeechRequest[] = [];
  const local = await startLocalServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/audio/speech') return sendJson(res, 404, { detail: 'Not Found' });
    const rec: SpeechRequest = { authorization: req.headers.authorization, body: JSON.parse(await readText(req)), chunksSent: 0, aborted: false };
    requests.push(rec);
    if (opts.apiKey && rec.authorization !== `Bearer ${opts.apiKey}`) return sendJson(res, 401, { error: { message: 'Invalid API key', code: 401 } });
    if (opts.status) return sendJson(res, opts.status, { error: { message: 'model is loading, try again', code: opts.status } });
    if (!rec.body.input || !rec.body.voice) return sendJson(res, 400, { error: { message: 'input and voice are required' } });
    const format = rec.body.response_format ?? 'mp3';
    if (format !== 'wav' && format !== 'pcm') return sendJson(res, 400, { error: { message: `unsupported response_format ${format}` } });
    let done = false;
    res.on('close', () => (rec.aborted = !done));
    res.writeHead(200, { 'content-type': format === 'wav' ? 'audio/wav' : 'audio/pcm', 'transfer-encoding': 'chunked' });
    if (format === 'wav') res.write(streamingWavHeader(rate));
    for (const [i, chunk] of pcmChunks(speechLikePcm(rec.body.input, rate), rate, opts.chunkMs ?? 100).entries()) {
      if (i > 0 && opts.chunkDelayMs) await sleep(opts.chunkDelayMs);
      if (res.destroyed) return;
      res.write(chunk);
      rec.chunksSent += 1;
    }
    done = true;
    res.end();
  });
  return { ...local, requests };
}
