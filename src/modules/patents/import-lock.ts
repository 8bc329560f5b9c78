import { sql } from "kysely";
import type { Db, Trx } from "../../core/db/schema.ts";

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

/** Per database handle: settles once the last patent import queued in this process ends. */
const lastInLine = new WeakMap<Db, Promise<void>>();

/**
 * Runs `fn` once the patent imports this process started earlier on `db` have ended, in
 * the order they were asked for, telling `onWait` as lockPatentImports does. Waiting here
 * holds no database connection: on PGlite (one connection) a second import would otherwise
 * wait for the connection unseen, showing 0 rows read and not 排队中; on PostgreSQL it
 * would hold a pool connection while waiting. The advisory lock still covers imports from
 * other processes (the CLI beside a server).
 */
export async function inLineForPatentImport<T>(
  db: Db,
  onWait: ((waiting: boolean) => void) | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const before = lastInLine.get(db);
  let done = () => {};
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  const last = before ? before.then(() => mine) : mine;
  lastInLine.set(db, last);
  try {
    if (before) {
      onWait?.(true);
      await before;
      onWait?.(false);
    }
    return await fn();
  } finally {
    done();
    if (lastInLine.get(db) === last) lastInLine.delete(db);
  }
}
