import { WebSocketServer } from 'ws';
import { type LocalServer, rejectUpgrade, startLocalServer } from './http-util.ts';

/** `ok`: stream audio chunks then `done`; a number ≥ 500: send an error message with that status; `reject-<n>`: refuse the upgrade. */
export type CartesiaBehaviour = 'ok' | number | `reject-${number}`;

/** One generation request as Cartesia would see it. */
export interface CartesiaRequest {
  apiKey: string | undefined;
  version: string | undefined;
  message: { model_id?: string; transcript?: string; language?: string; voice?: { mode: string; id?: string }; context_id?: string; continue?: boolean; output_format?: { encoding: string; sample_rate: number } };
}

export interface CartesiaServer extends LocalServer {
  requests: CartesiaRequest[];
}

/**
 * A local server speaking Cartesia's TTS WebSocket (docs.cartesia.ai/api-reference/tts/websocket):
 * `GET /tts/websocket` upgrade with `X-API-Key` and `Cartesia-Version`; JSON generation requests with
 * `context_id`, `transcript`, `continue`; replies `{type:"chunk", data:<base64 pcm_s16le>, context_id, done:false, status_code:206}`
 * then `{type:"done", done:true, status_code:200}`, or `{type:"error", error, status_code, done:true}`.
 */
export async function startCartesiaServer(opts: { apiKey: string; behaviour?: CartesiaBehaviour }): Promise<CartesiaServer> {
  const local = await startLocalServer((_req, res) => void res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });
  const requests: CartesiaRequest[] = [];
  const behaviour = opts.behaviour ?? 'ok';
  local.server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/tts/websocket')) return rejectUpgrade(socket, 404, '{}');
    if (req.headers['x-api-key'] !== opts.apiKey) return rejectUpgrade(socket, 401, '{"error":"Invalid API key"}');
    if (typeof behaviour === 'string' && behaviour.startsWith('reject-')) return rejectUpgrade(socket, Number(behaviour.slice(7)), '{"error":"refused"}');
    const meta = { apiKey: req.headers['x-api-key'] as string, version: req.headers['cartesia-version'] as string | undefined };
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as CartesiaRequest['message'];
        requests.push({ ...meta, message });
        const ctx = message.context_id ?? '';
        if (typeof behaviour === 'number') {
          ws.send(JSON.stringify({ type: 'error', error: `status ${behaviour}`, status_code: behaviour, done: true, context_id: ctx }));
          return;
        }
        const rate = message.output_format?.sample_rate ?? 24_000;
        const words = (message.transcript ?? '').trim().split(/\s+/).filter(Boolean).length;
        if (words > 0) {
          // 150 ms of a 220 Hz tone per word stands in for speech
          const samples = Math.round(rate * 0.15 * words);
          const pcm = Buffer.alloc(samples * 2);
          for (let i = 0; i < samples; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate)), i * 2);
          ws.send(JSON.stringify({ type: 'chunk', data: pcm.toString('base64'), done: false, status_code: 206, step_time: 12, context_id: ctx }));
        }
        if (message.continue === false) ws.send(JSON.stringify({ type: 'done', done: true, status_code: 200, context_id: ctx }));
      });
    });
  });
  return {
    ...local,
    requests,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      await local.close();
    },
  };
}
