import { WebSocketServer, type WebSocket } from 'ws';
import { type LocalServer, rejectUpgrade, startLocalServer } from './http-util.ts';

/**
 * How the fake Deepgram behaves per connection attempt (index = attempt number, last entry repeats):
 * - `ok`: answer each ~`bytesPerPhrase` of audio (and Finalize) with a final `Results` message;
 * - `drop-after-first`: send one interim result, then close the socket with 1011 (server error);
 * - a number: refuse the WebSocket upgrade with that HTTP status (401, 403, 429, 503).
 */
export type DeepgramBehaviour = 'ok' | 'drop-after-first' | number;

/** One accepted or refused `/v1/listen` connection as Deepgram would see it. */
export interface DeepgramConnection {
  authorization: string | undefined;
  query: URLSearchParams;
  audioBytes: number;
  controlMessages: string[];
}

export interface DeepgramServer extends LocalServer {
  connections: DeepgramConnection[];
  /** ws://127.0.0.1:port, for DEEPGRAM_BASE_URL. */
  wsUrl: string;
}

/**
 * A local server speaking Deepgram's live transcription protocol (developers.deepgram.com/reference/listen-live):
 * `GET /v1/listen` WebSocket upgrade with `Authorization: Token <key>` and query options; binary linear16 audio in;
 * JSON `Results` (`channel.alternatives[].transcript`, `is_final`, `speech_final`, `metadata.request_id`) out;
 * `{"type":"Finalize"}` / `{"type":"CloseStream"}` / `{"type":"KeepAlive"}` control messages.
 */
export async function startDeepgramServer(opts: {
  apiKey: string;
  phrases: string[];
  behaviours?: DeepgramBehaviour[];
  bytesPerPhrase?: number;
}): Promise<DeepgramServer> {
  const local = await startLocalServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const connections: DeepgramConnection[] = [];
  const behaviours = opts.behaviours ?? ['ok'];
  const bytesPerPhrase = opts.bytesPerPhrase ?? 16_000 * 2; // 1 s of 16 kHz PCM16
  let phraseIndex = 0;

  local.server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const conn: DeepgramConnection = { authorization: req.headers.authorization, query: url.searchParams, audioBytes: 0, controlMessages: [] };
    connections.push(conn);
    if (url.pathname !== '/v1/listen') return rejectUpgrade(socket, 404, '{"err_msg":"not found"}');
    if (req.headers.authorization !== `Token ${opts.apiKey}`) {
      return rejectUpgrade(socket, 401, '{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials."}');
    }
    const behaviour = behaviours[Math.min(connections.length - 1, behaviours.length - 1)] ?? 'ok';
    if (typeof behaviour === 'number') return rejectUpgrade(socket, behaviour, `{"err_msg":"status ${behaviour}"}`);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, conn, behaviour));
  });

  const results = (transcript: string, isFinal: boolean, start: number) => ({
    type: 'Results',
    channel_index: [0, 1],
    duration: 1,
    start,
    is_final: isFinal,
    speech_final: isFinal,
    channel: {
      alternatives: [
        {
          transcript,
          confidence: 0.97,
          words: transcript.split(' ').map((w, i) => ({ word: w, punctuated_word: w, start: start + i * 0.3, end: start + i * 0.3 + 0.25, confidence: 0.97 })),
        },
      ],
    },
    metadata: { request_id: `req-${connections.length}`, model_info: { name: 'general', version: '2024-01-09', arch: 'nova-2' } },
  });

  function serve(ws: WebSocket, conn: DeepgramConnection, behaviour: DeepgramBehaviour): void {
    let pending = 0;
    const emitPhrase = () => {
      const phrase = opts.phrases[phraseIndex % opts.phrases.length] ?? '';
      phraseIndex += 1;
      ws.send(JSON.stringify(results(phrase, true, phraseIndex)));
    };
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        const msg = JSON.parse(data.toString()) as { type: string };
        conn.controlMessages.push(msg.type);
        if (msg.type === 'Finalize' && pending > 0 && behaviour === 'ok') {
          pending = 0;
          emitPhrase();
        }
        if (msg.type === 'CloseStream') ws.close(1000);
        return;
      }
      conn.audioBytes += (data as Buffer).byteLength;
      pending += (data as Buffer).byteLength;
      if (behaviour === 'drop-after-first') {
        ws.send(JSON.stringify(results('алло', false, 0)));
        ws.close(1011, 'internal error');
        return;
      }
      if (pending >= bytesPerPhrase) {
        pending = 0;
        emitPhrase();
      }
    });
  }

  return {
    ...local,
    connections,
    wsUrl: local.url.replace(/^http/, 'ws'),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await local.close();
    },
  };
}
