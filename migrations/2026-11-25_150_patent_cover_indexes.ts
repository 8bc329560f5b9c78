// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Covering indexes for the patent statistics: applications and grants in a period for a
 * region subtree are answered from the index alone (filing or grant date, region path and
 * type, plus the lapse date for stocks), not by reading a million table rows. They replace
 * the plain date indexes. Measured with bench/report-bench.ts (dashboard widgets).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX patents_filed_on_idx;
    DROP INDEX patents_granted_on_idx;
    CREATE INDEX patents_filed_cover_idx ON patents (filed_on) INCLUDE (region_path, patent_type);
    CREATE INDEX patents_granted_cover_idx ON patents (granted_on)
      INCLUDE (region_path, patent_type, lapsed_on) WHERE granted_on IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX patents_granted_cover_idx;
    DROP INDEX patents_filed_cover_idx;
    CREATE INDEX patents_filed_on_idx ON patents (filed_on);
    CREATE INDEX patents_granted_on_idx ON patents (granted_on) WHERE granted_on IS NOT NULL;
  `.execute(db);
}
