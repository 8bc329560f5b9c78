import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Conn, Database, Region, Role } from "./db/schema.ts";
import { AppError } from "./errors.ts";

/**
 * Data scope: who is acting and which region subtree they may see. Every repository
 * function that touches region-owned records takes a Scope and filters through the helpers
 * below — the one place where the subtree rule lives.
 */
export interface Scope {
  userId: number;
  username: string;
  role: Role;
  /** The user's own region (their ceiling). */
  homeRegionId: number;
  homePath: string;
  homeLevel: number;
  /** The region the user is currently looking at: equal to home or inside it. */
  regionId: number;
  regionPath: string;
  regionLevel: number;
  ip?: string | null;
}

/** Level at or below which ledgers may be edited (county/district); above it is read-only. */
export const LEDGER_WRITE_MAX_LEVEL = 3;

export function pathInScope(scope: Pick<Scope, "regionPath">, path: string): boolean {
  return path.startsWith(scope.regionPath);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `<regionPath>%`, escaped: the LIKE pattern of the caller's subtree, for hand-built SQL. */
export function scopePattern(scope: Pick<Scope, "regionPath">): string {
  return `${escapeLike(scope.regionPath)}%`;
}

/** `column LIKE '<regionPath>%'` — use on every list/read of region-owned rows. */
export function inScope<DB, TB extends keyof DB>(
  scope: Pick<Scope, "regionPath">,
  column: string,
): (eb: ExpressionBuilder<DB, TB>) => ReturnType<ExpressionBuilder<DB, TB>["eb"]> {
  return (eb) => eb(sql.ref(column), "like", `${escapeLike(scope.regionPath)}%`);
}

export function whereInScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  scope: Pick<Scope, "regionPath">,
  column: string,
): SelectQueryBuilder<DB, TB, O> {
  return qb.where(sql.ref(column), "like", `${escapeLike(scope.regionPath)}%`);
}

/**
 * Loads a region the caller wants to write into and refuses it unless it lies in the
 * caller's current subtree. Returns the region (its path goes on the record).
 */
export async function regionForWrite(db: Conn, scope: Scope, regionId: number): Promise<Region> {
  const region = await db
    .selectFrom("regions")
    .selectAll()
    .where("id", "=", regionId)
    .executeTakeFirst();
  if (!region || !pathInScope(scope, region.path)) {
    throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
  }
  return region;
}

export type ScopedTable = {
  [K in keyof Database]: Database[K] extends { region_path: string } ? K : never;
}[keyof Database];
