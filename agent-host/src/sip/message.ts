/**
 * SIP messages (RFC 3261 §7) as the test softphone reads and writes them: start line, headers in order
 * (repeated names kept), body. Compact header forms are expanded so lookups use one name.
 */

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: [string, string][];
  body: string;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

const COMPACT: Record<string, string> = {
  v: 'Via', f: 'From', t: 'To', i: 'Call-ID', m: 'Contact', l: 'Content-Length', c: 'Content-Type', k: 'Supported', r: 'Refer-To', b: 'Referred-By', o: 'Event',
};

const canonical = (name: string) => COMPACT[name.toLowerCase()] ?? name;

/** Parse one datagram; null when it is not SIP. */
export function parseSip(text: string): SipMessage | null {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const lines = head.split('\r\n').reduce<string[]>((acc, line) => {
    if (/^[ \t]/.test(line) && acc.length) acc[acc.length - 1] += ` ${line.trim()}`; // folded header
    else acc.push(line);
    return acc;
  }, []);
  const start = lines.shift() ?? '';
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([canonical(line.slice(0, colon).trim()), line.slice(colon + 1).trim()]);
  }
  const res = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (res) return { kind: 'response', status: Number(res[1]), reason: res[2] ?? '', headers, body };
  const req = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(start);
  if (req) return { kind: 'request', method: req[1]!, uri: req[2]!, headers, body };
  return null;
}

/** Serialize, setting Content-Length from the body. */
export function formatSip(msg: SipMessage): string {
  const start = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  const headers = msg.headers.filter(([n]) => n.toLowerCase() !== 'content-length');
  headers.push(['Content-Length', String(Buffer.byteLength(msg.body))]);
  return `${start}\r\n${headers.map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n${msg.body}`;
}

/** First value of a header (case-insensitive). */
export function header(msg: SipMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  return msg.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** Every value of a header, in order. */
export function headers(msg: SipMessage, name: string): string[] {
  const lower = name.toLowerCase();
  return msg.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

/** `tag` parameter of a From/To value. */
export function tagOf(value: string | undefined): string | undefined {
  return value ? /;\s*tag=([^;>\s]+)/i.exec(value)?.[1] : undefined;
}

/** The URI inside a name-addr (`"x" <sip:a@b>;tag=1` → `sip:a@b`) or the bare URI. */
export function uriOf(value: string): string {
  const angle = /<([^>]+)>/.exec(value);
  return (angle ? angle[1]! : value.split(';')[0]!).trim();
}

/** User part of a SIP/tel URI (`sip:+7916@host` → `+7916`, `tel:+7495` → `+7495`). */
export function userOf(uri: string): string {
  const m = /^(?:sips?|tel):([^@;>]+)/i.exec(uri.trim());
  return m ? decodeURIComponent(m[1]!) : '';
}

/** host:port of a SIP URI (default port 5060). */
export function hostPortOf(uri: string): { host: string; port: number } {
  const m = /^sips?:(?:[^@]+@)?([^:;>]+)(?::(\d+))?/i.exec(uri.trim());
  return { host: m?.[1] ?? '127.0.0.1', port: m?.[2] ? Number(m[2]) : 5060 };
}

/** A random token for tags, branches and Call-IDs. */
export function token(): string {
  return Math.random().toString(36).slice(2, 12) + Date.now().toString(36).slice(-4);
}
