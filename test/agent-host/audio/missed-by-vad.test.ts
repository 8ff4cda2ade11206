import { inference } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import { audioTools, call, callerScript } from './support.ts';

/**
 * The lost reply: Silero (threshold 0.5, two 32 ms windows) now and then hears nothing of a 170 ms
 * «да» on a phone line — how its windows fall on the word decides it. A streaming STT still
 * transcribes the word on its own endpointing, and the session must commit and answer it; the
 * harness's transcript oracle used to make finals only on the VAD's end of speech, so such a turn
 * sat uncommitted until the silence reprompt. Here the VAD hears none of the caller at all (a
 * threshold above any probability): every turn, the short «да» included, rests on the STT.
 */
const CALLER = callerScript(`
name: missed-by-vad
noise_snr_db: 30
turns:
  - say: "хочу записаться на маникюр в пятницу в три часа дня"
    kind: other
  - say: "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь"
    kind: full_phone
  - say: "да"
    kind: short_answer
`);

describe.skipIf(!audioTools)('caller words the VAD does not hear (needs espeak-ng and sox)', () => {
  it('are still committed and answered, the closing «да» included, without waiting for the silence reprompt', { timeout: 180_000 }, async () => {
    const deaf = new inference.VAD({ minSilenceDuration: 250, activationThreshold: 1.1 });
    try {
      const { result, timeline } = await call(CALLER, { telephone: true, vad: deaf });
      expect(timeline.events.some((e) => e.type === 'vad_speech_start')).toBe(false);
      for (const turn of timeline.turns) {
        expect(turn.committed_text, `turn ${turn.index} «${turn.text}»`).not.toBeNull();
        expect(turn.first_bot_audio_ms, `turn ${turn.index} «${turn.text}» got a reply`).not.toBeNull();
      }
      expect(timeline.turns.at(-1)?.committed_text).toBe('да');
      expect(result).toMatchObject({ outcome: 'booking_created', fields: { service: 'маникюр', time: '15:00', phone: '+79161234567' } });
    } finally {
      await deaf.close();
    }
  });
});
