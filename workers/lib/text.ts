import { z } from '@hono/zod-openapi';

// C0/C1 control characters, and the bidi embedding/override/isolate marks that can make "evil.exe‮txt.pdf" read
// as something else in an admin UI or a log line.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A display name or file name with control and bidi-override characters removed and spaces trimmed.
 * @example stripUnsafeChars('счёт\u202Efdp.exe') // 'счётfdp.exe'
 */
export function stripUnsafeChars(s: string): string {
  return s.replace(UNSAFE, '').trim();
}

/** A request field holding a display name: control and bidi characters removed, then 1–`max` characters. */
export const displayName = (max: number) => z.string().transform(stripUnsafeChars).pipe(z.string().min(1, 'must not be empty').max(max));
