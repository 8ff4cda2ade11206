/**
 * The softphone's SDP (RFC 4566 / 3264): one audio stream, G.711 μ-law (PCMU, payload type 0) at 8 kHz in
 * 20 ms packets, as a PSTN trunk offers it, plus telephone-event for DTMF.
 */

/** Our offer or answer for an RTP socket on `ip:port`. */
export function pcmuSdp(ip: string, port: number, sessionId = Date.now()): string {
  return [
    'v=0',
    `o=- ${sessionId} ${sessionId} IN IP4 ${ip}`,
    's=voicebot softphone',
    `c=IN IP4 ${ip}`,
    't=0 0',
    `m=audio ${port} RTP/AVP 0 101`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=ptime:20',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/** Where the other side wants its RTP, and whether it accepted PCMU. */
export interface RemoteMedia {
  ip: string;
  port: number;
  pcmu: boolean;
}

/** Read the connection address and the audio port of an SDP body. */
export function parseSdp(body: string): RemoteMedia | null {
  const lines = body.split(/\r?\n/);
  const audio = lines.find((l) => l.startsWith('m=audio '));
  if (!audio) return null;
  const [, port, , ...formats] = audio.slice(2).split(' ');
  const audioIndex = lines.indexOf(audio);
  // A media-level c= overrides the session-level one.
  const conn = [...lines.slice(audioIndex), ...lines.slice(0, audioIndex)].find((l) => l.startsWith('c=IN IP4 '));
  const ip = conn?.slice('c=IN IP4 '.length).trim();
  if (!ip || !port) return null;
  return { ip, port: Number(port), pcmu: formats.includes('0') };
}
