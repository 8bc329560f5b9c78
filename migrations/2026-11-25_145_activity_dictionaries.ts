// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Campaigns and output kinds become admin-editable dictionaries: an entry that is no longer
 * used is deactivated (hidden from pickers) rather than deleted, since activities keep it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE activity_campaigns ADD COLUMN active boolean NOT NULL DEFAULT true;
    ALTER TABLE activity_output_kinds ADD COLUMN active boolean NOT NULL DEFAULT true;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE activity_campaigns DROP COLUMN active;
    ALTER TABLE activity_output_kinds DROP COLUMN active;
  `.execute(db);
}
