/**
 * SSRF guard for webhook URLs, checked at registration and again right before every send.
 *
 * A Worker cannot resolve DNS itself, so only what the URL says is judged: the scheme, userinfo,
 * and hosts written as IP literals (v4, v6, IPv4-mapped/-compatible/NAT64 v6) or reserved names.
 * Names that merely resolve to private addresses are out of reach here; on Cloudflare the egress
 * network cannot reach a tenant's private network anyway (documented in docs/webhooks.md).
 * What remains open: a public name whose DNS answer is private or loopback (DNS rebinding, wildcard services
 * such as nip.io), and redirects — these are not followed by the sender (`redirect: 'manual'`).
 */

export interface UrlSafetyOptions {
  /** Allow `http:` (and loopback hosts) for localhost receivers — local development only. */
  allowHttpLocalhost: boolean;
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The dev flag as wrangler vars carry it: only the exact string 'true' turns it on. */
export const urlSafetyOptions = (env: { WEBHOOK_ALLOW_HTTP_LOCALHOST?: string }): UrlSafetyOptions => ({
  allowHttpLocalhost: env.WEBHOOK_ALLOW_HTTP_LOCALHOST === 'true',
});

const LOCAL_NAMES = /^(localhost|.+\.localhost)$/;
const RESERVED_NAME_SUFFIXES = ['.local', '.internal', '.localdomain', '.home.arpa', '.in-addr.arpa', '.ip6.arpa'];

/** IPv4 CIDR blocks that are never a public webhook receiver: [first octets as number, prefix length]. */
const FORBIDDEN_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
];

function v4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

function inV4Block(ip: number, base: string, prefix: number): boolean {
  const size = 2 ** (32 - prefix);
  const start = v4ToInt(base)!;
  return ip >= start && ip < start + size;
}

const isLoopbackV4 = (ip: number) => inV4Block(ip, '127.0.0.0', 8);

/** Expands an IPv6 literal (no brackets) to 8 16-bit groups, or null if it is not one. */
function v6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const tail: number[] = [];
  const dotted = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = v4ToInt(dotted[2]!);
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    text = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(Math.max(missing, 0)).fill(0), ...rest, ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

/** Why an IPv6 address is forbidden, or null when it is public unicast. */
function v6Problem(g: number[], allowLoopback: boolean): string | null {
  const embeddedV4 = (g[6]! << 16) + g[7]!;
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroPrefix(8)) return 'unspecified address';
  if (zeroPrefix(7) && g[7] === 1) return allowLoopback ? null : 'loopback address';
  if (zeroPrefix(5) && g[5] === 0xffff) return v4Problem(embeddedV4 >>> 0, allowLoopback, 'IPv4-mapped ');
  if (zeroPrefix(6)) return v4Problem(embeddedV4 >>> 0, allowLoopback, 'IPv4-compatible ');
  // ::ffff:0:a.b.c.d (SIIT, RFC 2765) reaches the IPv4 address too: never a direct receiver.
  if (zeroPrefix(4) && g[4] === 0xffff && g[5] === 0) return 'IPv4-translated address (::ffff:0:0/96)';
  // Translation prefixes reach IPv4 (any of it, private included) through a gateway: never a direct receiver.
  if (g[0] === 0x64 && g[1] === 0xff9b && (g[2] === 1 || g.slice(2, 6).every((x) => x === 0))) return 'NAT64 address (64:ff9b::/96, 64:ff9b:1::/48)';
  if (g[0] === 0x2002) return '6to4 address (2002::/16)';
  if (g[0] === 0x2001 && g[1] === 0) return 'Teredo address (2001::/32)';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local address (fc00::/7, incl. fd00:ec2::254 metadata)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local address';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local address';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast address';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation address';
  if (g[0] === 0x0100 && zeroPrefix(4)) return 'discard-only address';
  return null;
}

function v4Problem(ip: number, allowLoopback: boolean, label = ''): string | null {
  if (isLoopbackV4(ip)) return allowLoopback ? null : `${label}loopback address`;
  for (const [base, prefix] of FORBIDDEN_V4) {
    if (inV4Block(ip, base, prefix)) return `${label}address in a private, link-local, metadata or reserved range (${base}/${prefix})`;
  }
  return null;
}

function isLoopbackHost(host: string): boolean {
  if (LOCAL_NAMES.test(host)) return true;
  const v4 = v4ToInt(host);
  if (v4 !== null) return isLoopbackV4(v4);
  const g = host.startsWith('[') ? v6Groups(host.slice(1, -1)) : null;
  return g !== null && g.slice(0, 7).every((x) => x === 0) && g[7] === 1;
}

const WEB_PORTS = new Set(['443', '8443']);

/**
 * Checks a webhook URL. The WHATWG parser has already normalized IPv4 spellings
 * (`http://2130706433`, `0x7f.1`) to dotted quads and IPv6 to its compressed form.
 * @example checkWebhookUrl('https://crm.example.ru/hooks/calls', { allowHttpLocalhost: false }).ok // true
 * @example checkWebhookUrl('https://169.254.169.254/latest', { allowHttpLocalhost: false }) // { ok: false, reason: '…metadata…' }
 */
export function checkWebhookUrl(raw: string, opts: UrlSafetyOptions): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid absolute URL' };
  }
  const host = url.hostname.toLowerCase();
  if (url.port === '0') return { ok: false, reason: 'port 0 is not allowed' };
  const devLoopback = opts.allowHttpLocalhost && isLoopbackHost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && devLoopback)) {
    return {
      ok: false,
      reason: url.protocol === 'http:' ? 'plain http is not allowed; use https' : `scheme ${url.protocol} is not allowed; use https`,
    };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials (userinfo) in the URL are not allowed' };
  if (!host) return { ok: false, reason: 'URL has no host' };
  if (devLoopback) return { ok: true, url };
  // A receiver is a web server: SSH, SMTP, Redis and the like on a public host are not probed through us.
  if (url.port && !WEB_PORTS.has(url.port)) return { ok: false, reason: `port ${url.port} is not allowed; use 443 (or 8443)` };
  // "localhost." is localhost to a resolver; rather than normalise every suffix check, refuse the spelling.
  if (host.endsWith('.')) return { ok: false, reason: 'a host with a trailing dot is not allowed' };

  if (host.startsWith('[')) {
    const groups = v6Groups(host.slice(1, -1));
    if (!groups) return { ok: false, reason: 'malformed IPv6 host' };
    const problem = v6Problem(groups, false);
    return problem ? { ok: false, reason: `forbidden host: ${problem}` } : { ok: true, url };
  }
  const v4 = v4ToInt(host);
  if (v4 !== null) {
    const problem = v4Problem(v4, false);
    return problem ? { ok: false, reason: `forbidden host: ${problem}` } : { ok: true, url };
  }
  if (/^[\d.]+$/.test(host)) return { ok: false, reason: 'malformed IPv4 host' };
  if (LOCAL_NAMES.test(host) || !host.includes('.') || RESERVED_NAME_SUFFIXES.some((s) => host.endsWith(s))) {
    return { ok: false, reason: `host ${host} is a local or reserved name` };
  }
  return { ok: true, url };
}
