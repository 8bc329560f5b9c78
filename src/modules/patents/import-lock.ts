import { sql } from "kysely";
import type { Trx } from "../../core/db/schema.ts";

/**
 * Key of the transaction-level advisory lock that serialises patent imports. Two imports
 * of overlapping lists (two users, or a city and its county) would otherwise both insert the
 * same application numbers and the later one would fail on the unique key; one after the
 * other, the later one simply updates what the first wrote.
 */
export const PATENT_IMPORT_LOCK_KEY = 7_303_114_205;

/**
 * Takes the patent import lock for the rest of `trx`; must be the transaction's first
 * statement so a waiting import holds nothing another could wait on. `onWait(true)` is
 * called only when another import holds the lock, and `onWait(false)` once it is ours.
 * On PGlite (one connection, so one transaction at a time) the try always succeeds.
 */
export async function lockPatentImports(
  trx: Trx,
  onWait?: (waiting: boolean) => void,
): Promise<void> {
  const key = sql.lit(PATENT_IMPORT_LOCK_KEY);
  const tried = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(${key}::bigint) as locked`.execute(trx);
  if (tried.rows[0]?.locked) return;
  onWait?.(true);
  await sql`select pg_advisory_xact_lock(${key}::bigint)`.execute(trx);
  onWait?.(false);
}
