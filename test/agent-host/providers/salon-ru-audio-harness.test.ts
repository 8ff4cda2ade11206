import { describe, expect, it } from 'vitest';
import { parseCallerScript } from '../../../agent-host/src/audio/caller-script.ts';
import { runAudioCall } from '../../../agent-host/src/audio/harness.ts';
import { scenario } from '../pipeline/harness.ts';
import { ESPEAK_SKIP_REASON, hasEspeak } from './speech.ts';

const CALLER = parseCallerScript(`
name: salon-ru-booking
noise_snr_db: 30
turns:
  - say: "ну здравствуйте хочу записаться на маникюр в пятницу в три часа дня"
    kind: other
  - say: "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь"
    kind: full_phone
  - say: "да"
    kind: short_answer
`);

describe.skipIf(!hasEspeak)(`salon-ru-providers in the audio call harness over 8 kHz phone audio${hasEspeak ? '' : ` (${ESPEAK_SKIP_REASON})`}`, () => {
  it('books the manicure end to end (STT there is the harness transcript oracle)', { timeout: 180_000 }, async () => {
    const call = await runAudioCall({ config: scenario('salon-ru-providers'), script: CALLER, telephone: true, now: new Date('2026-11-23T10:00:00+03:00') });

    expect(call.result).toMatchObject({ outcome: 'booking_created', fields: { service: 'маникюр', time: '15:00', phone: '+79161234567' } });
    expect(call.timeline.telephone).toBe(true);
  });
});
