import type { BotConfig, CollectField, ConfigTest } from '../config/bot-config.ts';
import { extractDates, extractNumbers, extractPhones, extractTimes, type ParseContext } from '../parse/index.ts';
import { normalizeText } from '../text/normalize.ts';
import { callbackScenario } from './callback-scenario.ts';
import { fixtureBooking } from '../booking/fixture.ts';
import { createDialog } from './dialog.ts';
import { driveTurn, type TurnServices } from './drive.ts';
import { fieldKind } from './field-kind.ts';
import { languagePack } from './templates/index.ts';
import type { DialogInput, DialogState, FieldValue } from './types.ts';

/** One line of a test conversation. */
export interface TestLine {
  role: 'bot' | 'caller';
  text: string;
}

/** The result of one config test: passed, or what differed, with the whole conversation. */
export interface ConfigTestResult {
  name: string;
  passed: boolean;
  failures: string[];
  outcome: string | null;
  ended_by: string | null;
  fields: Record<string, FieldValue>;
  transcript: TestLine[];
}

/** The booking system a host offers a test that states no availability of its own (the test's "now" given). */
export type TestBookingSystem = (now: Date) => Pick<TurnServices, 'availability' | 'booking'>;

/**
 * Plays one `tests:` entry of a config through the engine (knowledge questions get no answer) and compares the
 * fields, outcome, ending and phrases with what it expects. Expected values may be written as a caller says them
 * ("завтра", "три часа дня", "8 916 123 45 67"): they are read with the same parsers, at the test's `now`.
 * Booking requests are answered from the test's `availability:`, else by `bookingSystem` (none: nothing is booked).
 */
export async function runConfigTest(config: BotConfig, test: ConfigTest, defaultNow: Date, bookingSystem?: TestBookingSystem): Promise<ConfigTestResult> {
  const now = test.now ? new Date(test.now) : defaultNow;
  const services: TurnServices = test.availability ? fixtureBooking(test.availability, config.booking?.offer_count) : (bookingSystem?.(now) ?? {});
  let state: DialogState = createDialog(config, test.caller ? { callerNumber: test.caller } : {});
  const transcript: TestLine[] = [];
  const play = async (input: DialogInput): Promise<void> => {
    const turn = await driveTurn(config, state, input, { now }, services);
    state = turn.state;
    if (turn.reply) transcript.push({ role: 'bot', text: turn.reply });
  };
  await play({ type: 'start' });
  for (const line of test.lines) {
    if (state.phase === 'ended') break;
    transcript.push({ role: 'caller', text: line });
    await play(line.trim() === '<silence>' ? { type: 'silence' } : { type: 'speech', text: line });
  }
  const failures = compare(config, test, state, transcript, now);
  return {
    name: test.name,
    passed: failures.length === 0,
    failures,
    outcome: state.outcome,
    ended_by: state.endedBy,
    fields: state.fields,
    transcript,
  };
}

/** Every test of a config (none when it has no `tests:`). */
export function runConfigTests(config: BotConfig, defaultNow: Date, bookingSystem?: TestBookingSystem): Promise<ConfigTestResult[]> {
  return Promise.all((config.tests ?? []).map((t) => runConfigTest(config, t, defaultNow, bookingSystem)));
}

function compare(config: BotConfig, test: ConfigTest, state: DialogState, transcript: TestLine[], now: Date): string[] {
  const failures: string[] = [];
  const { expect } = test;
  const ctx: ParseContext = { now, timezone: config.timezone, businessHours: config.business_hours };
  for (const [name, want] of Object.entries(expect.fields ?? {})) {
    const got = state.fields[name];
    const field = findField(config, name);
    const expected = field ? normalizeExpected(field, want, ctx) : want;
    if (got === undefined) failures.push(`field "${name}": expected "${expected}", got nothing`);
    else if (normalizeText(String(got)) !== normalizeText(String(expected))) {
      failures.push(`field "${name}": expected "${expected}", got "${got}"`);
    }
  }
  if (expect.outcome !== undefined && expect.outcome !== state.outcome) {
    failures.push(`outcome: expected ${show(expect.outcome)}, got ${show(state.outcome)}`);
  }
  if (expect.ended_by !== undefined && expect.ended_by !== state.endedBy) {
    failures.push(`ended_by: expected ${show(expect.ended_by)}, got ${show(state.endedBy)}`);
  }
  const botText = normalizeText(transcript.filter((l) => l.role === 'bot').map((l) => l.text).join(' '));
  for (const phrase of expect.says ?? []) {
    if (!botText.includes(normalizeText(phrase))) failures.push(`the bot never said "${phrase}"`);
  }
  return failures;
}

const show = (v: string | null) => (v === null ? 'none' : `"${v}"`);

function findField(config: BotConfig, name: string): CollectField | undefined {
  const all = [...config.scenarios, callbackScenario(languagePack(config.language))];
  for (const s of all) {
    const f = s.collect_fields.find((x) => x.name === name);
    if (f) return f;
  }
  return undefined;
}

/** An expected value written the way a caller says it, normalized like the engine normalizes the real one. */
function normalizeExpected(field: CollectField, want: FieldValue, ctx: ParseContext): FieldValue {
  if (typeof want === 'number') return want;
  switch (fieldKind(field)) {
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(want) ? want : (extractDates(want, ctx)[0]?.value ?? want);
    case 'time':
      return /^\d{2}:\d{2}$/.test(want) ? want : (extractTimes(want, ctx)[0]?.value ?? want);
    case 'phone':
      return extractPhones(want)[0]?.value ?? want;
    case 'number':
      return extractNumbers(want)[0]?.value ?? want;
    default:
      return want;
  }
}
