import { describe, expect, it } from 'vitest';
import { durationMs, RemindersConfigSchema } from '../../../core/config/index.ts';
import { reminderDue, reminderTiming, wallMinutesBetween } from '../../../core/reminders/schedule.ts';

const timing = reminderTiming(RemindersConfigSchema.parse({ before: '24h', window: '10:00-20:00' }));
const visit = { date: '2026-11-27', time: '15:00' };

describe('reminder timing', () => {
  it.each([
    ['2026-11-26 14:59', { due: false, reason: 'not_yet' }],
    ['2026-11-26 15:00', { due: true }],
    ['2026-11-26 19:59', { due: true }],
    ['2026-11-26 20:00', { due: false, reason: 'outside_window' }],
    ['2026-11-27 09:30', { due: false, reason: 'outside_window' }],
    ['2026-11-27 13:30', { due: true }],
    ['2026-11-27 14:30', { due: false, reason: 'too_late' }],
  ])('a 15:00 visit on the 27th, now %s', (now, expected) => {
    expect(reminderDue(visit, now, timing)).toEqual(expected);
  });

  it('an early-morning visit is called the day before from the window’s start', () => {
    expect(reminderDue({ date: '2026-11-27', time: '09:00' }, '2026-11-26 09:45', timing)).toEqual({ due: false, reason: 'outside_window' });
    expect(reminderDue({ date: '2026-11-27', time: '09:00' }, '2026-11-26 10:00', timing)).toEqual({ due: true });
  });

  it('reads durations and windows, and refuses nonsense', () => {
    expect(durationMs('90m')).toBe(5_400_000);
    expect(durationMs('2d')).toBe(172_800_000);
    expect(wallMinutesBetween('2026-11-30 23:30', '2026-12-01 00:15')).toBe(45);
    const bad = RemindersConfigSchema.safeParse({ before: 'завтра', window: '20:00-10:00', tries: 9 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['before', 'tries', 'window']);
  });
});
