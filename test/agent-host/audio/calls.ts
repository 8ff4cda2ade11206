import { expect } from 'vitest';
import { call, callerScript, dictatedDigits, salon } from './support.ts';

// The test calls, shared by the plain-line and telephone-line files (which vitest runs side by side).
// Real time on real audio; the bot speaks a little faster than in production to keep calls short.
const BOT_WPM = 210;
/** A loaded machine slows VAD; a silence reprompt must not fire before the caller could answer. */
const PATIENT = { silence_timeout_sec: 20 };

/** A whole booking: the phone dictated in three chunks with pauses, "угу"/"ага" over the read-back, "да". */
export async function bookingCall(telephone: boolean) {
  const script = callerScript(`
name: booking-chunked-backchannels
noise_snr_db: 30
turns:
  - say: "хочу записаться на маникюр в пятницу в три часа дня"
  - say: "восемь девятьсот шестнадцать | 800ms | сто двадцать три | 700ms | сорок пять шестьдесят семь"
    kind: partial_phone
  - say: "угу"
    over_reply: 900ms
    backchannel: true
  - say: "ага"
    over_reply: 1500ms
    backchannel: true
  - say: "да"
`);
  const { result, timeline, caller, bot } = await call(script, { telephone, botWordsPerMinute: BOT_WPM, config: salon(PATIENT) });
  const commits = timeline.events.filter((e) => e.type === 'user_turn').map((e) => (e.type === 'user_turn' ? e.text : ''));
  const why = `turns: ${JSON.stringify(commits)}`;
  // the phone: one turn with all 11 digits, never cut in its pauses
  const phone = timeline.turns.find((t) => t.kind === 'partial_phone')!;
  expect(phone.cut_off, why).toBe(false);
  expect(dictatedDigits(phone.committed_text ?? ''), why).toBe('89161234567');
  // the backchannels: not turns of their own; the read-back is said to its end
  for (const t of timeline.turns.filter((x) => x.backchannel)) expect(t.bot_stopped, why).toBe(false);
  expect(result.turns.filter((t) => t.role === 'caller').map((t) => t.text), why).not.toContain('угу');
  const said = timeline.events.flatMap((e) => (e.type === 'bot_audio_end' ? [e.said] : [])).join(' ');
  expect(said, why).toContain('Всё верно?');
  // the booking
  expect(result.outcome, why).toBe('booking_created');
  expect(result.fields).toMatchObject({ service: 'маникюр', date: '2026-11-27', time: '15:00', phone: '+79161234567' });
  // both sides on one timeline, as long as timeline.json says
  expect(caller.length).toBe(bot.length);
  expect(Math.abs(caller.length / 16 - timeline.duration_ms)).toBeLessThan(1);
  expect(timeline.telephone).toBe(telephone);
}

/** A barge-in over the read-back (the bot stops, the correction is taken), then real silence and a reprompt. */
export async function bargeInCall(telephone: boolean) {
  const script = callerScript(`
name: barge-in-silence
turns:
  - say: "хочу записаться на маникюр в пятницу в три часа дня"
  - say: "восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь"
  - say: "нет подождите давайте в субботу"
    over_reply: 1200ms
  - silence: 9s
`);
  const { result, timeline } = await call(script, { telephone, botWordsPerMinute: BOT_WPM, config: salon({ silence_timeout_sec: 5 }) });
  const commits = timeline.events.filter((e) => e.type === 'user_turn').map((e) => (e.type === 'user_turn' ? e.text : ''));
  const why = `turns: ${JSON.stringify(commits)}`;
  const barge = timeline.turns.find((t) => t.over_reply)!;
  expect(barge.bot_stop_ms, why).not.toBeNull();
  expect(barge.bot_stopped, why).toBe(true);
  const cut = timeline.events.find((e) => e.type === 'bot_audio_end' && e.interrupted && e.t_ms >= barge.speech_start_ms);
  const saidOfCut = cut?.type === 'bot_audio_end' ? cut.said : '';
  expect(saidOfCut.length, why).toBeGreaterThan(0); // what was actually said of the cut reply
  expect(saidOfCut, why).not.toContain('Всё верно');
  expect(result.fields, why).toMatchObject({ date: '2026-11-28' });
  // silence: the bot speaks again on its own within the silent stretch
  const silence = timeline.turns.find((t) => t.kind === 'silence')!;
  const reprompt = timeline.events.find((e) => e.type === 'bot_audio_start' && e.t_ms > silence.speech_start_ms + 1000);
  expect(reprompt, why).toBeDefined();
}
