// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Rows that take their region from a parent enterprise or project kept the old region when
 * the parent moved to another town, so the old town's figures still counted them. Re-sync
 * them from their parents; rows already in step are left alone, so running it again changes
 * nothing. Rows that keep their own region (a project or payment naming an enterprise,
 * contracts, investments, platform ledgers) are not touched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "enterprise_qualifications",
    "enterprise_applications",
    "enterprise_yearly",
    "ip_pledges",
    "ip_designations",
    "patents",
  ]) {
    await sql`
      UPDATE ${sql.table(table)} AS c SET region_id = e.region_id, region_path = e.region_path
      FROM enterprises e
      WHERE c.enterprise_id = e.id
        AND (c.region_id <> e.region_id OR c.region_path <> e.region_path)`.execute(db);
  }
  for (const table of [
    "project_transitions",
    "project_midterms",
    "project_acceptances",
    "project_changes",
  ]) {
    await sql`
      UPDATE ${sql.table(table)} AS c SET region_path = p.region_path
      FROM projects p
      WHERE c.project_id = p.id AND c.region_path <> p.region_path`.execute(db);
  }
  await sql`
    UPDATE fund_payments AS c SET region_id = p.region_id, region_path = p.region_path
    FROM projects p
    WHERE c.project_id = p.id
      AND (c.region_id <> p.region_id OR c.region_path <> p.region_path)`.execute(db);
  await sql`
    UPDATE attachments AS a SET region_id = p.region_id, region_path = p.region_path
    FROM projects p
    WHERE a.owner_type = 'project' AND a.owner_id = p.id
      AND (a.region_id <> p.region_id OR a.region_path <> p.region_path)`.execute(db);
  await sql`
    UPDATE attachments AS a SET region_id = p.region_id, region_path = p.region_path
    FROM project_transitions t JOIN projects p ON p.id = t.project_id
    WHERE a.owner_type = 'project-transition' AND a.owner_id = t.id
      AND (a.region_id <> p.region_id OR a.region_path <> p.region_path)`.execute(db);
}

/** Nothing to undo: the old paths were wrong, not a schema to return to. */
export async function down(_db: Kysely<unknown>): Promise<void> {}
