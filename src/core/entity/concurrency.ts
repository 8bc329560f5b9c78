import { sql } from "kysely";
import type { Conn } from "../db/schema.ts";
import { AppError } from "../errors.ts";
import type { Scope } from "../scope.ts";

/**
 * Called when a versioned UPDATE/DELETE touched no row: tells apart "someone else changed
 * it" (409) from "not there or not yours" (404, never revealing other regions' records).
 */
export async function explainMissedWrite(
  db: Conn,
  scope: Scope,
  table: string,
  id: number,
  entityLabel: string,
): Promise<never> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}
    where id = ${id} and region_path like ${`${scope.regionPath}%`}`.execute(db);
  if ((r.rows[0]?.n ?? 0) > 0) throw new AppError("VERSION_CONFLICT", { entity: entityLabel });
  throw new AppError("NOT_FOUND", { entity: entityLabel });
}
