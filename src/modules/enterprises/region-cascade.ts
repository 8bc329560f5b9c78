import { sql } from "kysely";
import type { Conn, Enterprise } from "../../core/db/schema.ts";

/*
 * Rows that take their region from the enterprise they belong to. Metrics count these rows
 * by their own region_path, so when the enterprise moves they must move with it or the old
 * town keeps counting them. Projects, payments, contracts, investments and platform ledgers
 * that name an enterprise keep their own region (chosen on the form) and are not listed.
 * Migration 190 re-syncs the same tables; keep the two lists in step.
 */
export const ENTERPRISE_CHILD_TABLES = [
  "enterprise_qualifications",
  "enterprise_applications",
  "enterprise_yearly",
  // Region is always the pledging enterprise's (ip-assets pledgeRow).
  "ip_pledges",
  // An enterprise's designation sits in its region (ip-assets designationRow).
  "ip_designations",
  // A patent linked to a registry enterprise sits in the firm's region (patents buildRow).
  "patents",
] as const;

type Placed = Pick<Enterprise, "region_id" | "region_path">;

/**
 * Moves the enterprise's child rows to its new region, in the caller's transaction. A no-op
 * unless the region changed; the enterprise's own update audit records the move.
 */
export async function followEnterpriseRegion(
  db: Conn,
  before: Placed,
  after: Placed & Pick<Enterprise, "id">,
): Promise<void> {
  if (before.region_id === after.region_id && before.region_path === after.region_path) return;
  for (const table of ENTERPRISE_CHILD_TABLES) {
    await sql`update ${sql.table(table)}
      set region_id = ${after.region_id}, region_path = ${after.region_path}
      where enterprise_id = ${after.id}
        and (region_id <> ${after.region_id} or region_path <> ${after.region_path})`.execute(db);
  }
}
