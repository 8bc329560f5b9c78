import { sql } from "kysely";
import type { Conn, Project } from "../../core/db/schema.ts";

/*
 * Rows that take their region from the project they belong to. Project figures count the
 * dated history (project_transitions) by its own region_path, so when a project moves its
 * history, records, payments and files must move with it. Migration 190 re-syncs the same
 * rows; keep the two in step.
 */
const PATH_ONLY = [
  "project_transitions",
  "project_midterms",
  "project_acceptances",
  "project_changes",
] as const;

type Placed = Pick<Project, "region_id" | "region_path">;

/**
 * Moves the project's child rows to its new region, in the caller's transaction. A no-op
 * unless the region changed; the project's own update audit records the move.
 */
export async function followProjectRegion(
  db: Conn,
  before: Placed,
  after: Placed & Pick<Project, "id">,
): Promise<void> {
  if (before.region_id === after.region_id && before.region_path === after.region_path) return;
  const { id, region_id: regionId, region_path: path } = after;
  for (const table of PATH_ONLY) {
    await sql`update ${sql.table(table)} set region_path = ${path}
      where project_id = ${id} and region_path <> ${path}`.execute(db);
  }
  // A payment on a project is booked in the project's region (funds preparePayment).
  await sql`update fund_payments set region_id = ${regionId}, region_path = ${path}
    where project_id = ${id} and (region_id <> ${regionId} or region_path <> ${path})`.execute(db);
  // Files on the project and on its lifecycle steps are scoped like the project.
  await sql`update attachments set region_id = ${regionId}, region_path = ${path}
    where (region_id <> ${regionId} or region_path <> ${path})
      and ((owner_type = 'project' and owner_id = ${id})
        or (owner_type = 'project-transition' and owner_id in
          (select t.id from project_transitions t where t.project_id = ${id})))`.execute(db);
}
