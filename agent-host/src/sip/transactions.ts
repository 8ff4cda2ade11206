import type { Socket } from 'node:dgram';
import { formatSip, header, type SipRequest, type SipResponse } from './message.ts';

/** RFC 3261 timers: T1 (round-trip estimate), T2 (longest retransmit interval), Timer B/F (give up). */
const T1 = 500;
const T2 = 4_000;
const GIVE_UP = 32_000;

const branchOf = (msg: SipRequest | SipResponse) => /;\s*branch=([^;\s]+)/i.exec(header(msg, 'Via') ?? '')?.[1] ?? '';
const cseqMethod = (msg: SipRequest | SipResponse) => (header(msg, 'CSeq') ?? '').split(/\s+/)[1] ?? '';

interface Pending {
  onResponse: (res: SipResponse) => void;
  timer: NodeJS.Timeout | undefined;
  invite: boolean;
  done: boolean;
}

/**
 * The UDP transaction layer of the softphone (RFC 3261 §17, simplified for one host): client requests are
 * retransmitted on T1 doubling to T2 until a response (INVITE: any; others: a final one) or 32 s pass; server
 * transactions remember their last response and resend it when the request is retransmitted; a 2xx to an
 * INVITE is retransmitted until its ACK arrives.
 */
export class Transactions {
  readonly #client = new Map<string, Pending>();
  readonly #server = new Map<string, { res: SipResponse; to: { ip: string; port: number } }>();
  readonly #unacked = new Map<string, NodeJS.Timeout>();

  constructor(private readonly socket: Socket) {}

  /** Send a request; `onResponse` sees every response of its transaction (408 when nothing came back). */
  request(req: SipRequest, to: { ip: string; port: number }, onResponse: (res: SipResponse) => void): void {
    const key = `${branchOf(req)}|${req.method}`;
    const pending: Pending = { onResponse, timer: undefined, invite: req.method === 'INVITE', done: false };
    this.#client.set(key, pending);
    const text = formatSip(req);
    const started = Date.now();
    const send = (interval: number) => {
      this.socket.send(text, to.port, to.ip);
      if (req.method === 'ACK') return this.#client.delete(key);
      pending.timer = setTimeout(() => {
        if (Date.now() - started >= GIVE_UP) {
          this.#client.delete(key);
          onResponse({ kind: 'response', status: 408, reason: 'Request Timeout', headers: req.headers, body: '' });
          return;
        }
        send(Math.min(interval * 2, T2));
      }, interval);
    };
    send(T1);
  }

  /** A response arrived: hand it to its transaction. */
  response(res: SipResponse): void {
    const key = `${branchOf(res)}|${cseqMethod(res)}`;
    const pending = this.#client.get(key);
    if (!pending) return;
    if (pending.invite || res.status >= 200) clearTimeout(pending.timer);
    if (res.status >= 200) this.#client.delete(key);
    pending.onResponse(res);
  }

  /** A request arrived: true when it is a retransmission (the stored response went out again). */
  retransmitted(req: SipRequest): boolean {
    const stored = this.#server.get(`${branchOf(req)}|${req.method}`);
    if (stored) this.socket.send(formatSip(stored.res), stored.to.port, stored.to.ip);
    return stored !== undefined;
  }

  /** Answer a request (and remember the answer for retransmissions; a 2xx to INVITE repeats until ACKed). */
  respond(req: SipRequest, res: SipResponse, to: { ip: string; port: number }): void {
    const key = `${branchOf(req)}|${req.method}`;
    this.#server.set(key, { res, to });
    setTimeout(() => this.#server.delete(key), GIVE_UP).unref();
    const text = formatSip(res);
    this.socket.send(text, to.port, to.ip);
    if (req.method !== 'INVITE' || res.status < 200 || res.status >= 300) return;
    const dialog = header(req, 'Call-ID') ?? '';
    const started = Date.now();
    const again = (interval: number) => {
      this.#unacked.set(dialog, setTimeout(() => {
        if (Date.now() - started >= GIVE_UP) return this.#unacked.delete(dialog);
        this.socket.send(text, to.port, to.ip);
        again(Math.min(interval * 2, T2));
      }, interval));
    };
    again(T1);
  }

  /** The ACK for a 2xx arrived: stop repeating it. */
  acked(callId: string): void {
    clearTimeout(this.#unacked.get(callId));
    this.#unacked.delete(callId);
  }

  close(): void {
    for (const p of this.#client.values()) clearTimeout(p.timer);
    for (const t of this.#unacked.values()) clearTimeout(t);
    this.#client.clear();
    this.#unacked.clear();
  }
}
