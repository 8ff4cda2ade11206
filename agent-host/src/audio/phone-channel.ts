import { muLawDecode, muLawEncode, type LineNoise } from './line.ts';

const TAPS = 31;
/** Windowed-sinc low-pass at 3.4 kHz for 16 kHz audio (the telephone band's top). */
const LOW_PASS = (() => {
  const fc = 3400 / 16_000;
  const h = Array.from({ length: TAPS }, (_, i) => {
    const n = i - (TAPS - 1) / 2;
    const sinc = n === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * n) / (Math.PI * n);
    return sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (TAPS - 1))); // Hamming
  });
  const sum = h.reduce((a, b) => a + b, 0);
  return h.map((x) => x / sum);
})();

/** A streaming FIR filter (state kept between blocks). */
class Fir {
  readonly #ring = new Float64Array(TAPS);
  #at = 0;
  push(x: number): number {
    this.#ring[this.#at] = x;
    let y = 0;
    for (let k = 0; k < TAPS; k++) y += LOW_PASS[k]! * this.#ring[(this.#at - k + TAPS) % TAPS]!;
    this.#at = (this.#at + 1) % TAPS;
    return y;
  }
}

/**
 * The bot's side of a phone call as the caller hears it, streamed at 16 kHz: band-limited to
 * 3.4 kHz, down to 8 kHz, line noise added, G.711 μ-law, and back up to 16 kHz — so silences
 * carry the line's hiss instead of digital zero and nothing above the telephone band survives.
 */
export class PhoneChannel {
  readonly #down = new Fir();
  readonly #up = new Fir();
  #phase = 0;

  constructor(private readonly noise?: LineNoise) {}

  /** Pass `pcm` (16 kHz) through the channel in place. */
  process(pcm: Int16Array): Int16Array {
    const one = new Int16Array(1);
    for (let i = 0; i < pcm.length; i++) {
      const band = this.#down.push(pcm[i]!);
      let narrow = 0;
      if (this.#phase === 0) {
        one[0] = Math.max(-32768, Math.min(32767, Math.round(band)));
        this.noise?.addTo(one);
        narrow = 2 * muLawDecode(muLawEncode(one[0]!)); // zero-stuffed 8 kHz sample, gain 2
      }
      this.#phase ^= 1;
      pcm[i] = Math.max(-32768, Math.min(32767, Math.round(this.#up.push(narrow))));
    }
    return pcm;
  }
}
