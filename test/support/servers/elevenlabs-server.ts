import { WebSocketServer, type WebSocket } from 'ws';
import { type LocalServer, readBody, rejectUpgrade, startLocalServer } from './http-util.ts';

/**
 * `ok`: answer each context with audio then `isFinal`; `reject-<n>`: refuse the WebSocket upgrade (and the
 * HTTP stream) with status n; `error-before-audio`: answer the first text of a context with an `error` message.
 */
export type ElevenLabsBehaviour = 'ok' | `reject-${number}` | 'error-before-audio';

/** One multi-stream-input connection as ElevenLabs would see it. */
export interface ElevenLabsConnection {
  apiKey: string | undefined;
  voiceId: string;
  query: URLSearchParams;
  /** JSON messages received, in order. */
  messages: Record<string, any>[];
}

export interface ElevenLabsServer extends LocalServer {
  connections: ElevenLabsConnection[];
  /** Bodies of HTTP `/stream` requests. */
  httpRequests: { apiKey: string | undefined; voiceId: string; query: URLSearchParams; body: Record<string, any> }[];
  /** `http://127.0.0.1:port/v1`, for ELEVENLABS_BASE_URL. */
  apiRoot: string;
}

/** 120 ms of a 330 Hz tone per word at `rate`, PCM16LE: stands in for speech. */
function tone(words: number, rate: number): Buffer {
  const samples = Math.round(rate * 0.12 * words);
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(9000 * Math.sin((2 * Math.PI * 330 * i) / rate)), i * 2);
  return pcm;
}

const rateOf = (q: URLSearchParams) => Number(/^pcm_(\d+)$/.exec(q.get('output_format') ?? '')?.[1] ?? 22_050);
const words = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

/**
 * A local server speaking ElevenLabs' multi-context TTS WebSocket
 * (`GET /v1/text-to-speech/{voice_id}/multi-stream-input?model_id=…&output_format=pcm_22050&language_code=ru`,
 * `xi-api-key` header): client JSON `{text:" ", voice_settings, context_id}` opens a context,
 * `{text, context_id, flush?}` adds text, `{context_id, close_context:true}` ends it; the server answers
 * `{audio: <base64 PCM>, isFinal: false, contextId}` and `{isFinal: true, contextId}`, or `{error, contextId}`.
 * Also `POST /v1/text-to-speech/{voice_id}/stream` (HTTP chunked PCM) as used by one-shot `synthesize()`, and
 * `GET /v1/voices` (401 for a bad key) which the adapter asks when a WebSocket upgrade is refused.
 */
export async function startElevenLabsServer(opts: { apiKey: string; behaviour?: ElevenLabsBehaviour }): Promise<ElevenLabsServer> {
  const behaviour = opts.behaviour ?? 'ok';
  const rejectStatus = behaviour.startsWith('reject-') ? Number(behaviour.slice(7)) : undefined;
  const connections: ElevenLabsConnection[] = [];
  const httpRequests: ElevenLabsServer['httpRequests'] = [];

  const local = await startLocalServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/v1/voices') {
      if (req.headers['xi-api-key'] !== opts.apiKey) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":{"status":"invalid_api_key"}}');
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ voices: [{ voice_id: 'EXAVITQu4vr4xnSDxMaL', name: 'Sarah', category: 'premade' }] }));
    }
    const m = /^\/v1\/text-to-speech\/([^/]+)\/stream$/.exec(url.pathname);
    if (req.method !== 'POST' || !m) return void res.writeHead(404).end();
    const apiKey = req.headers['xi-api-key'] as string | undefined;
    const body = JSON.parse((await readBody(req)).toString() || '{}') as Record<string, any>;
    httpRequests.push({ apiKey, voiceId: m[1]!, query: url.searchParams, body });
    if (apiKey !== opts.apiKey) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":{"status":"invalid_api_key"}}');
    if (rejectStatus) return void res.writeHead(rejectStatus, { 'content-type': 'application/json' }).end('{"detail":"refused"}');
    res.writeHead(200, { 'content-type': 'audio/pcm' });
    res.end(tone(words(String(body.text ?? '')), rateOf(url.searchParams)));
  });

  const wss = new WebSocketServer({ noServer: true });
  local.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/v1\/text-to-speech\/([^/]+)\/multi-stream-input$/.exec(url.pathname);
    if (!m) return rejectUpgrade(socket, 404, '{"detail":"not found"}');
    const conn: ElevenLabsConnection = { apiKey: req.headers['xi-api-key'] as string | undefined, voiceId: m[1]!, query: url.searchParams, messages: [] };
    connections.push(conn);
    if (conn.apiKey !== opts.apiKey) return rejectUpgrade(socket, 401, '{"detail":{"status":"invalid_api_key","message":"Invalid API key"}}');
    if (rejectStatus) return rejectUpgrade(socket, rejectStatus, '{"detail":"refused"}');
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, conn));
  });

  function serve(ws: WebSocket, conn: ElevenLabsConnection): void {
    const rate = rateOf(conn.query);
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Record<string, any>;
      conn.messages.push(msg);
      const contextId = msg.context_id as string | undefined;
      if (msg.close_socket) return ws.close(1000);
      if (!contextId) return;
      if (msg.close_context) return ws.send(JSON.stringify({ isFinal: true, contextId }));
      const n = words(String(msg.text ?? ''));
      if (n === 0) return;
      if (behaviour === 'error-before-audio') return ws.send(JSON.stringify({ error: 'internal server error, please retry', contextId }));
      ws.send(JSON.stringify({ audio: tone(n, rate).toString('base64'), isFinal: false, contextId }));
    });
  }

  return {
    ...local,
    connections,
    httpRequests,
    apiRoot: `${local.url}/v1`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await local.close();
    },
  };
}
