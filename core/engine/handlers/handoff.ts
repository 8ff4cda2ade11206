import { localNow } from '../../parse/index.ts';
import { addDaysIso, weekday } from '../calendar.ts';
import { CALLBACK_SCENARIO, callbackScenario } from '../callback-scenario.ts';
import { formatDateForSpeech } from '../speech-format.ts';
import { askNextOrConfirm } from './collect.ts';
import { endCall, say, type Turn } from './turn.ts';

export const TRANSFERRED = 'transferred';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a person can take the call now: `handoff:` is set and, with `hours`, now is inside them. */
export function canTransfer(t: Turn): boolean {
  const handoff = t.config.handoff;
  if (!handoff || t.state.transfer?.failed) return false;
  if (!handoff.hours) return true;
  const now = localNow(t.parse);
  const day = handoff.hours.days[now.weekday];
  const m = now.hour * 60 + now.minute;
  return day !== null && day !== undefined && m >= minutes(day.open) && m < minutes(day.close);
}

/**
 * The caller asked for a person: the call is transferred when someone can answer (outcome `transferred`, unless
 * a scenario outcome is already set), else a callback request is taken.
 */
export function startHandoff(t: Turn): void {
  const s = t.state;
  s.offer = null;
  s.fallbacks = 0;
  const handoff = t.config.handoff;
  if (handoff && canTransfer(t)) {
    s.transfer = { to: handoff.to, outcomeBefore: s.outcome, failed: false };
    s.outcome ??= TRANSFERRED;
    t.out.transfer = handoff.to;
    return endCall(t, handoff.phrase ?? (handoff.title ? t.pack.phrases.transferringTo(handoff.title) : t.pack.phrases.transferring), 'transfer');
  }
  startCallback(t, true);
}

/**
 * The host could not hand the call over (`transfer_failed`): the ended call reopens, the caller hears why, and a
 * callback request is taken; no second transfer is tried in this call.
 */
export function handleTransferFailed(t: Turn): void {
  const s = t.state;
  if (s.phase !== 'ended' || s.endedBy !== 'transfer' || !s.transfer || s.transfer.failed) return;
  s.outcome = s.transfer.outcomeBefore;
  s.transfer = { ...s.transfer, failed: true };
  s.endedBy = null;
  s.offer = null;
  s.fallbacks = 0;
  say(t, t.pack.phrases.transferFailed);
  startCallback(t, false);
}

/** The built-in callback request (name, phone, reason); values the call already has are not asked again. */
export function startCallback(t: Turn, explain: boolean): void {
  const s = t.state;
  if (explain) say(t, t.pack.phrases.callbackIntro(staffHours(t)));
  s.scenario = CALLBACK_SCENARIO;
  s.phase = 'collecting';
  s.pending = null;
  s.knowledge = null;
  if (s.outcome === 'callback_requested') delete s.fields.reason;
  askNextOrConfirm(t, callbackScenario(t.pack));
}

/** When staff answer next, spoken ("сегодня с 10:00 до 18:00", "в понедельник, 30 ноября, с 09:00 до 18:00"). */
function staffHours(t: Turn): string | null {
  const hours = t.config.handoff?.hours;
  if (!hours) return null;
  const today = t.today();
  const now = localNow(t.parse);
  const nowMin = now.hour * 60 + now.minute;
  for (let i = 0, d = today; i < 8; i++, d = addDaysIso(d, 1)) {
    const h = hours.days[(weekday(d) + 6) % 7];
    if (!h || (i === 0 && nowMin >= minutes(h.close))) continue;
    return `${formatDateForSpeech(d, today, t.pack)}, с ${h.open} до ${h.close}`;
  }
  return null;
}
