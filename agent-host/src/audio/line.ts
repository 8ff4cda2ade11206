/**
 * The phone line between caller and bot: G.711 μ-law (ITU-T G.711, the codec of PSTN calls) and
 * line noise at a given SNR. Pure sample arithmetic on 16-bit PCM.
 */

const BIAS = 0x84;
const CLIP = 32635;

/** One 16-bit sample → one μ-law byte (G.711). */
export function muLawEncode(sample: number): number {
  let s = Math.max(-CLIP, Math.min(CLIP, sample));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One μ-law byte → one 16-bit sample (G.711). */
export function muLawDecode(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + BIAS) << ((u & 0x70) >> 4);
  return u & 0x80 ? BIAS - t : t - BIAS;
}

/** Pass samples through μ-law and back in place: the quantisation a phone line adds. */
export function muLawRoundTrip(pcm: Int16Array): Int16Array {
  for (let i = 0; i < pcm.length; i++) pcm[i] = muLawDecode(muLawEncode(pcm[i]!));
  return pcm;
}

/** Root mean square of the samples above a small floor (speech only, silences left out). */
export function speechRms(pcm: Int16Array, floor = 300): number {
  let sum = 0;
  let n = 0;
  for (const s of pcm) {
    if (Math.abs(s) < floor) continue;
    sum += s * s;
    n += 1;
  }
  return n ? Math.sqrt(sum / n) : 0;
}

/** Seeded Gaussian noise (mulberry32 + Box–Muller): the same call sounds the same on every run. */
export class LineNoise {
  #state: number;
  readonly #rms: number;

  /** Noise `snrDb` below a speech level of `speechLevelRms`; no noise when `snrDb` is undefined. */
  constructor(snrDb: number | undefined, speechLevelRms: number, seed = 1) {
    this.#state = seed >>> 0 || 1;
    this.#rms = snrDb === undefined ? 0 : speechLevelRms / 10 ** (snrDb / 20);
  }

  #uniform(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  }

  /** Add noise to `pcm` in place. */
  addTo(pcm: Int16Array): Int16Array {
    if (this.#rms === 0) return pcm;
    for (let i = 0; i < pcm.length; i++) {
      const g = Math.sqrt(-2 * Math.log(this.#uniform())) * Math.cos(2 * Math.PI * this.#uniform());
      pcm[i] = Math.max(-32768, Math.min(32767, Math.round(pcm[i]! + g * this.#rms)));
    }
    return pcm;
  }
}
