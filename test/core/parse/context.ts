import type { ParseContext } from '../../../core/parse/index.ts';

/** Wednesday 25 November 2026, 10:00 in Moscow; salon hours 09:00–21:00. */
export const ctx: ParseContext = {
  now: new Date('2026-11-25T10:00:00+03:00'),
  timezone: 'Europe/Moscow',
  businessHours: { open: '09:00', close: '21:00' },
};

/** Same instant as seen by a clinic open 08:00–20:00. */
export const clinicCtx: ParseContext = { ...ctx, businessHours: { open: '08:00', close: '20:00' } };

/** Piece of the input a span points at. */
export function cut(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
