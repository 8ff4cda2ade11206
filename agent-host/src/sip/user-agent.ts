import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import { header, headers, hostPortOf, parseSip, tagOf, token, uriOf, userOf, type SipRequest, type SipResponse } from './message.ts';
import { RtpSession } from './rtp.ts';
import { parseSdp, pcmuSdp } from './sdp.ts';
import { Transactions } from './transactions.ts';

type Addr = { ip: string; port: number };

export interface SipCallEvents {
  ringing: [];
  answered: [];
  /** The call is over: `by` who ended it, with the final status when it never connected. */
  ended: [by: 'local' | 'remote', status?: number];
  /** The other side asks us to call `target` instead (REFER, RFC 3515); answer with {@link SipCall.notifyRefer}. */
  refer: [target: string];
}

/**
 * One call leg of the softphone (a SIP dialog plus its RTP stream). Outgoing legs come from
 * {@link SipEndpoint.invite}, incoming ones are handed to `SipEndpoint.onInvite`.
 */
export class SipCall {
  readonly events = new EventEmitter<SipCallEvents>();
  state: 'calling' | 'ringing' | 'active' | 'ended' = 'calling';
  remoteTag: string | undefined;
  remoteTarget: string;
  #cseq = 1;
  #invite: SipRequest | undefined;

  constructor(
    readonly endpoint: SipEndpoint,
    readonly direction: 'outgoing' | 'incoming',
    readonly callId: string,
    readonly localTag: string,
    /** name-addr of our side and theirs (From/To as this leg sends them). */
    localParty: string,
    remoteParty: string,
    remoteTarget: string,
    readonly rtp: RtpSession,
  ) {
    this.localParty = localParty.replace(/;\s*tag=[^;>\s]+/i, '');
    this.remoteParty = remoteParty.replace(/;\s*tag=[^;>\s]+/i, '');
    this.remoteTarget = remoteTarget;
  }

  readonly localParty: string;
  readonly remoteParty: string;

  /** The other side's number (user part of its URI). */
  get remoteUser(): string {
    return userOf(uriOf(this.remoteParty));
  }

  /** The number this leg was placed to (incoming: the Request-URI user). */
  dialed = '';

  #request(method: string, extra: [string, string][] = [], body = '', onResponse?: (res: SipResponse) => void): void {
    const req = this.endpoint.makeRequest(method, this.remoteTarget, {
      from: `${this.localParty};tag=${this.localTag}`,
      to: this.remoteTag ? `${this.remoteParty};tag=${this.remoteTag}` : this.remoteParty,
      callId: this.callId,
      cseq: method === 'ACK' ? this.#cseq - 1 : this.#cseq++,
      extra,
      body,
    });
    this.endpoint.send(req, hostPortOf(this.remoteTarget), onResponse ?? (() => undefined));
  }

  /** Outgoing: send the INVITE. */
  start(): void {
    this.#request('INVITE', [['Content-Type', 'application/sdp']], pcmuSdp(this.endpoint.ip, this.rtp.port), (res) => this.#onInviteResponse(res));
  }

  #onInviteResponse(res: SipResponse): void {
    if (res.status < 200) {
      if ((res.status === 180 || res.status === 183) && this.state === 'calling') {
        this.state = 'ringing';
        this.events.emit('ringing');
      }
      return;
    }
    this.remoteTag ??= tagOf(header(res, 'To'));
    if (res.status >= 300) return this.#end('remote', res.status);
    const contact = header(res, 'Contact');
    if (contact) this.remoteTarget = uriOf(contact);
    this.#request('ACK');
    if (this.state === 'active') return; // a retransmitted 200
    const media = parseSdp(res.body);
    if (media) this.rtp.connect(media.ip, media.port);
    this.state = 'active';
    this.events.emit('answered');
  }

  /** Incoming: remember the INVITE and say we are ringing. */
  offered(req: SipRequest, from: Addr): void {
    this.#invite = req;
    const media = parseSdp(req.body);
    if (media) this.rtp.connect(media.ip, media.port);
    this.endpoint.reply(req, from, 100, 'Trying');
    this.endpoint.reply(req, from, 180, 'Ringing', this.localTag);
    this.state = 'ringing';
  }

  /** Incoming: pick up. */
  answer(): void {
    if (!this.#invite || this.state !== 'ringing') return;
    const via = viaAddr(this.#invite);
    this.endpoint.reply(this.#invite, via, 200, 'OK', this.localTag, [['Content-Type', 'application/sdp']], pcmuSdp(this.endpoint.ip, this.rtp.port));
    this.state = 'active';
    this.events.emit('answered');
  }

  /** Incoming: refuse (486 Busy Here, 603 Decline, …). */
  reject(status = 486, reason = 'Busy Here'): void {
    if (!this.#invite || this.state !== 'ringing') return;
    this.endpoint.reply(this.#invite, viaAddr(this.#invite), status, reason, this.localTag);
    this.#end('local', status);
  }

  /** Hang up: BYE when connected, CANCEL while an outgoing call rings. */
  hangup(): void {
    if (this.state === 'active') this.#request('BYE');
    else if (this.state !== 'ended' && this.direction === 'outgoing') this.#request('CANCEL');
    else if (this.state === 'ringing') return this.reject(603, 'Decline');
    this.#end('local');
  }

  /** Report a REFER's progress to its sender (NOTIFY with a message/sipfrag status line). */
  notifyRefer(status: number, reason: string): void {
    if (this.state !== 'active') return;
    const final = status >= 200;
    this.#request(
      'NOTIFY',
      [['Event', 'refer'], ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60'], ['Content-Type', 'message/sipfrag;version=2.0']],
      `SIP/2.0 ${status} ${reason}\r\n`,
    );
  }

  /** An in-dialog request from the other side. */
  inDialog(req: SipRequest, from: Addr): void {
    if (req.method === 'ACK') return this.endpoint.acked(this.callId);
    if (req.method === 'BYE' || req.method === 'CANCEL') {
      this.endpoint.reply(req, from, 200, 'OK', this.localTag);
      if (req.method === 'CANCEL' && this.#invite) this.endpoint.reply(this.#invite, viaAddr(this.#invite), 487, 'Request Terminated', this.localTag);
      return this.#end('remote');
    }
    if (req.method === 'REFER') {
      this.endpoint.reply(req, from, 202, 'Accepted', this.localTag);
      this.notifyRefer(100, 'Trying');
      return void this.events.emit('refer', uriOf(header(req, 'Refer-To') ?? ''));
    }
    if (req.method === 'INVITE') {
      // A re-INVITE (session refresh or hold): keep the media as it is.
      const media = parseSdp(req.body);
      if (media) this.rtp.connect(media.ip, media.port);
      return this.endpoint.reply(req, from, 200, 'OK', this.localTag, [['Content-Type', 'application/sdp']], pcmuSdp(this.endpoint.ip, this.rtp.port));
    }
    this.endpoint.reply(req, from, 200, 'OK', this.localTag); // NOTIFY, INFO, OPTIONS, UPDATE
  }

  #end(by: 'local' | 'remote', status?: number): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.rtp.close();
    this.endpoint.forget(this.callId);
    this.events.emit('ended', by, status);
  }
}

const viaAddr = (req: SipRequest): Addr => {
  const via = header(req, 'Via') ?? '';
  const m = /SIP\/2\.0\/UDP\s+([^:;\s]+)(?::(\d+))?/i.exec(via);
  const rport = /;\s*rport=(\d+)/i.exec(via)?.[1];
  const received = /;\s*received=([^;\s]+)/i.exec(via)?.[1];
  return { ip: received ?? m?.[1] ?? '127.0.0.1', port: Number(rport ?? m?.[2] ?? 5060) };
};

/**
 * The test softphone's SIP stack on one UDP port of 127.0.0.1: places calls (INVITE, ACK, BYE, CANCEL),
 * takes them (`onInvite`), and takes REFERs, all over UDP as a PSTN trunk would. Written for this project
 * (see README "Phone calls over SIP" for why not baresip): loopback only, no authentication, G.711 only.
 */
export class SipEndpoint {
  readonly #calls = new Map<string, SipCall>();
  readonly #tx: Transactions;
  /** Incoming calls; without a handler they are refused with 480. */
  onInvite: ((call: SipCall) => void) | undefined;

  private constructor(
    readonly socket: Socket,
    readonly ip: string,
  ) {
    this.#tx = new Transactions(socket);
    socket.on('message', (buf, rinfo) => this.#receive(buf.toString('utf8'), rinfo));
  }

  static async open(ip = '127.0.0.1', port = 0): Promise<SipEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, ip, () => resolve());
    });
    return new SipEndpoint(socket, ip);
  }

  get port(): number {
    return this.socket.address().port;
  }

  get uri(): string {
    return `sip:${this.ip}:${this.port}`;
  }

  /** Call `target` (a SIP URI) as `fromUser`. */
  async invite(target: string, fromUser: string): Promise<SipCall> {
    const rtp = await RtpSession.open(this.ip);
    const call = new SipCall(this, 'outgoing', `${token()}@${this.ip}`, token(), `<sip:${fromUser}@${this.ip}:${this.port}>`, `<${target}>`, target, rtp);
    call.dialed = userOf(target);
    this.#calls.set(call.callId, call);
    call.start();
    return call;
  }

  makeRequest(method: string, uri: string, d: { from: string; to: string; callId: string; cseq: number; extra: [string, string][]; body: string }): SipRequest {
    const user = userOf(uriOf(d.from)) || 'softphone';
    return {
      kind: 'request',
      method,
      uri,
      headers: [
        ['Via', `SIP/2.0/UDP ${this.ip}:${this.port};branch=z9hG4bK${token()};rport`],
        ['Max-Forwards', '70'],
        ['From', d.from],
        ['To', d.to],
        ['Call-ID', d.callId],
        ['CSeq', `${d.cseq} ${method}`],
        ['Contact', `<sip:${user}@${this.ip}:${this.port}>`],
        ['User-Agent', 'voicebot-softphone'],
        ...d.extra,
      ],
      body: d.body,
    };
  }

  send(req: SipRequest, to: { host: string; port: number }, onResponse: (res: SipResponse) => void): void {
    this.#tx.request(req, { ip: to.host, port: to.port }, onResponse);
  }

  reply(req: SipRequest, to: Addr, status: number, reason: string, toTag?: string, extra: [string, string][] = [], body = ''): void {
    const toHeader = header(req, 'To') ?? '';
    const res: SipResponse = {
      kind: 'response',
      status,
      reason,
      headers: [
        ...headers(req, 'Via').map((v): [string, string] => ['Via', v]),
        ['From', header(req, 'From') ?? ''],
        ['To', toTag && !tagOf(toHeader) && status > 100 ? `${toHeader};tag=${toTag}` : toHeader],
        ['Call-ID', header(req, 'Call-ID') ?? ''],
        ['CSeq', header(req, 'CSeq') ?? ''],
        ['Contact', `<sip:softphone@${this.ip}:${this.port}>`],
        ...extra,
      ],
      body,
    };
    this.#tx.respond(req, res, to);
  }

  acked(callId: string): void {
    this.#tx.acked(callId);
  }

  forget(callId: string): void {
    this.#calls.delete(callId);
  }

  #receive(text: string, rinfo: RemoteInfo): void {
    const msg = parseSip(text);
    if (!msg) return;
    if (msg.kind === 'response') return this.#tx.response(msg);
    if (msg.method !== 'ACK' && this.#tx.retransmitted(msg)) return;
    const from: Addr = { ip: rinfo.address, port: rinfo.port };
    const callId = header(msg, 'Call-ID') ?? '';
    const existing = this.#calls.get(callId);
    if (existing && (msg.method !== 'INVITE' || tagOf(header(msg, 'To')))) return existing.inDialog(msg, from);
    if (msg.method === 'ACK') return this.#tx.acked(callId);
    if (msg.method !== 'INVITE') return this.reply(msg, from, 481, 'Call/Transaction Does Not Exist', token());
    void this.#incoming(msg, from, callId);
  }

  async #incoming(req: SipRequest, from: Addr, callId: string): Promise<void> {
    if (!this.onInvite) return this.reply(req, from, 480, 'Temporarily Unavailable', token());
    const rtp = await RtpSession.open(this.ip);
    const contact = header(req, 'Contact');
    const call = new SipCall(this, 'incoming', callId, token(), header(req, 'To') ?? `<${req.uri}>`, header(req, 'From') ?? '', contact ? uriOf(contact) : req.uri, rtp);
    call.remoteTag = tagOf(header(req, 'From'));
    call.dialed = userOf(req.uri);
    this.#calls.set(callId, call);
    call.offered(req, from);
    this.onInvite(call);
  }

  close(): void {
    for (const call of [...this.#calls.values()]) call.hangup();
    this.#tx.close();
    setTimeout(() => {
      try {
        this.socket.close();
      } catch {
        // already closed
      }
    }, 100).unref();
  }
}
