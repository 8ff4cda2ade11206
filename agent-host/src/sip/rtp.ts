import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { muLawDecode, muLawEncode } from '../audio/line.ts';

/** 8 kHz μ-law, 20 ms a packet: 160 samples. */
export const RTP_RATE = 8_000;
export const RTP_FRAME = 160;
const PCMU = 0;

export interface RtpEvents {
  /** Decoded 8 kHz PCM of one received PCMU packet, with its RTP sequence number and timestamp. */
  audio: [pcm: Int16Array, seq: number, timestamp: number];
}

/**
 * One RTP stream (RFC 3550) of the softphone: a UDP socket on 127.0.0.1 that sends 20 ms PCMU packets with a
 * random SSRC, sequence and timestamp base, and decodes the PCMU packets it receives. No RTCP (LiveKit SIP
 * does not need it) and no jitter buffer here: the receiver places audio by arrival, as an ear hears it.
 */
export class RtpSession {
  readonly events = new EventEmitter<RtpEvents>();
  readonly #socket: Socket;
  #remote: { ip: string; port: number } | undefined;
  #seq = Math.floor(Math.random() * 0xffff);
  #ts = Math.floor(Math.random() * 0xffffffff);
  readonly #ssrc = Math.floor(Math.random() * 0xffffffff);
  #pending = new Int16Array(0);
  packetsIn = 0;
  packetsOut = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('message', (buf) => this.#receive(buf));
  }

  /** Bind an RTP socket on 127.0.0.1 (random port). */
  static async open(ip = '127.0.0.1'): Promise<RtpSession> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, ip, () => resolve());
    });
    return new RtpSession(socket);
  }

  get port(): number {
    return this.#socket.address().port;
  }

  connect(ip: string, port: number): void {
    this.#remote = { ip, port };
  }

  /** Queue 8 kHz PCM; whole 20 ms packets go out at once (the caller's clock paces the calls). */
  send(pcm: Int16Array): void {
    const all = new Int16Array(this.#pending.length + pcm.length);
    all.set(this.#pending);
    all.set(pcm, this.#pending.length);
    let at = 0;
    for (; at + RTP_FRAME <= all.length; at += RTP_FRAME) this.#packet(all.subarray(at, at + RTP_FRAME));
    this.#pending = all.slice(at);
  }

  #packet(frame: Int16Array): void {
    if (!this.#remote) return;
    const buf = Buffer.alloc(12 + frame.length);
    buf[0] = 0x80; // version 2
    buf[1] = PCMU;
    buf.writeUInt16BE(this.#seq, 2);
    buf.writeUInt32BE(this.#ts >>> 0, 4);
    buf.writeUInt32BE(this.#ssrc >>> 0, 8);
    for (let i = 0; i < frame.length; i++) buf[12 + i] = muLawEncode(frame[i]!);
    this.#seq = (this.#seq + 1) & 0xffff;
    this.#ts = (this.#ts + frame.length) >>> 0;
    this.packetsOut += 1;
    this.#socket.send(buf, this.#remote.port, this.#remote.ip);
  }

  #receive(buf: Buffer): void {
    if (buf.length < 12 || buf[0]! >> 6 !== 2) return;
    const csrc = buf[0]! & 0x0f;
    const hasExt = (buf[0]! & 0x10) !== 0;
    const padding = (buf[0]! & 0x20) !== 0 ? buf[buf.length - 1]! : 0;
    const pt = buf[1]! & 0x7f;
    let offset = 12 + csrc * 4;
    if (hasExt && buf.length >= offset + 4) offset += 4 + buf.readUInt16BE(offset + 2) * 4;
    if (pt !== PCMU) return; // telephone-event and comfort noise carry no audio to record
    const payload = buf.subarray(offset, buf.length - padding);
    const pcm = new Int16Array(payload.length);
    for (let i = 0; i < payload.length; i++) pcm[i] = muLawDecode(payload[i]!);
    this.packetsIn += 1;
    this.events.emit('audio', pcm, buf.readUInt16BE(2), buf.readUInt32BE(4));
  }

  close(): void {
    try {
      this.#socket.close();
    } catch {
      // already closed
    }
  }
}
