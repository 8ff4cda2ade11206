import { and, eq } from 'drizzle-orm';
import { normalizePhone } from '../booking/provider.ts';
import { schema, type Db } from '../db/client.ts';

/** True when the company's customer asked not to be called: every outbound path checks this before dialing. */
export async function onDoNotCallList(d: Db, companyId: string, phone: string): Promise<boolean> {
  const t = schema.doNotCall;
  return !!(await d.select({ phone: t.phone }).from(t).where(and(eq(t.companyId, companyId), eq(t.phone, normalizePhone(phone)))).get());
}

/** Puts a number on the company's do-not-call list (idempotent). */
export async function addToDoNotCall(d: Db, companyId: string, phone: string, reason: string, callId: string | null = null): Promise<void> {
  await d.insert(schema.doNotCall).values({ companyId, phone: normalizePhone(phone), reason, callId }).onConflictDoNothing();
}
