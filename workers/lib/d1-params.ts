/**
 * D1 binds at most 100 parameters per statement (more fails with "too many SQL variables"). Lists of ids that
 * come from data (a page of bookings, the services of a staff member) go to D1 in slices below that limit.
 */
export const D1_MAX_PARAMS = 100;

/** Ids per `IN (…)`, leaving room for the statement's other parameters (bot id, status, …). */
export const IDS_PER_STATEMENT = 90;

/** `items` in consecutive slices of at most `size`. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Rows for a list of ids, one statement per slice of at most `IDS_PER_STATEMENT` distinct ids, concatenated.
 * @example const names = await selectByIds(staffIds, (ids) => d.select().from(staff).where(inArray(staff.id, ids)).all());
 */
export async function selectByIds<R>(ids: readonly string[], select: (ids: string[]) => Promise<R[]>): Promise<R[]> {
  const parts = await Promise.all(slices([...new Set(ids)], IDS_PER_STATEMENT).map(select));
  return parts.flat();
}

/** Rows of a multi-row INSERT per statement when each row binds `columns` parameters. */
export const rowsPerInsert = (columns: number) => Math.floor(D1_MAX_PARAMS / columns);
