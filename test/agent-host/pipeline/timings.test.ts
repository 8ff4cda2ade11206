import { describe, expect, it } from 'vitest';
import { TurnTimings, type TurnTimingReport } from '../../../agent-host/src/timings.ts';

function timings() {
  let clock = 1_000_000;
  const reports: TurnTimingReport[] = [];
  const t = new TurnTimings({ onTurn: (r) => reports.push(r), now: () => clock });
  return { t, reports, advance: (ms: number) => (clock += ms), at: () => clock };
}

describe('TurnTimings', () => {
  it('assembles a voice turn from EOU and TTS metrics plus our own marks', () => {
    const { t, reports, advance, at } = timings();
    const endOfSpeech = at();
    advance(420);
    t.onMetrics({ type: 'eou_metrics', timestamp: at(), endOfUtteranceDelayMs: 420, transcriptionDelayMs: 160, onUserTurnCompletedDelayMs: 0, lastSpeakingTimeMs: endOfSpeech, speechId: 'sp_1' });
    t.begin('sp_1');
    advance(2);
    t.engine('sp_1', 'scripted', 0.4);
    t.firstText('sp_1');
    advance(95);
    t.onMetrics({ type: 'tts_metrics', label: 'cartesia', requestId: 'r', timestamp: at(), ttfbMs: 95, durationMs: 300, audioDurationMs: 900, cancelled: false, charactersCount: 14, streamed: true, speechId: 'sp_1' });
    // agent state "speaking" is matched by the attach() listener; fed by hand here through the fallback formula
    t.finish('sp_1');
    expect(reports).toEqual([{ source: 'scripted', engine_ms: 0.4, stt_ms: 160, tts_first_byte_ms: 95, total_ms: 420 + 2 + 95 }]);
  });

  it('reports knowledge timings and nothing for a reply that never produced text', () => {
    const { t, reports, advance } = timings();
    t.begin('sp_2');
    t.engine('sp_2', 'knowledge', 1.2);
    t.knowledge('sp_2', { kb_ms: 35, llm_first_token_ms: 210 });
    advance(250);
    t.firstText('sp_2');
    t.finish('sp_2');
    t.begin('sp_cancelled');
    t.finish('sp_cancelled');
    expect(reports).toEqual([{ source: 'knowledge', engine_ms: 1.2, kb_ms: 35, llm_first_token_ms: 210, total_ms: 250 }]);
  });

  it('charges a preemptive reply only for time after its turn was confirmed, and forgets a discarded one', () => {
    const { t, reports, advance } = timings();
    t.begin('sp_guess');
    t.engine('sp_guess', 'scripted', 0.3);
    t.firstText('sp_guess'); // streamed before the turn was confirmed
    t.discard('sp_guess');
    t.finish('sp_guess');
    t.begin('sp_pre');
    advance(1);
    t.firstText('sp_pre');
    advance(120);
    t.confirmed('sp_pre');
    t.begin('sp_pre'); // a second begin (on confirmation) keeps the first
    t.engine('sp_pre', 'scripted', 0.5);
    t.finish('sp_pre');
    expect(reports).toEqual([{ source: 'scripted', engine_ms: 0.5, total_ms: 0 }]);
  });
});
