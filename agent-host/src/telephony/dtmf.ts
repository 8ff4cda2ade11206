/**
 * Collects a caller's keypad digits into one input: '#' ends it at once, otherwise a pause does (people key a phone
 * number at 2–4 digits a second). LiveKit SIP turns RFC 4733 events into `RoomEvent.DtmfReceived`.
 */
export interface DtmfCollectorOptions {
  onDigits: (digits: string) => void;
  /** Pause after the last key that ends the input. */
  gapMs?: number;
}

export class DtmfCollector {
  #digits = '';
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #gapMs: number;

  constructor(private readonly opts: DtmfCollectorOptions) {
    this.#gapMs = opts.gapMs ?? 1500;
  }

  push(digit: string): void {
    if (!/^[0-9*#]$/.test(digit)) return;
    this.#digits += digit;
    if (this.#timer) clearTimeout(this.#timer);
    if (digit === '#') return this.flush();
    this.#timer = setTimeout(() => this.flush(), this.#gapMs);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const digits = this.#digits;
    this.#digits = '';
    if (digits.replace(/#/g, '')) this.opts.onDigits(digits);
  }
}
