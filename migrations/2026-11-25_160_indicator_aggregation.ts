// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Hand-entered indicators say how a region's figure relates to its children's: 'sum' adds
 * up the children's latest figures (研发投入, 产值), 'none' takes the region's own entry only
 * (a ratio such as R&D intensity must never be summed). Hand-entered figures also remember
 * the level of the region of whoever entered them, so a county cannot overwrite a figure
 * the city entered for it (the same rule as targets.assigned_level).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE target_indicators ADD COLUMN aggregation text NOT NULL DEFAULT 'sum';
    ALTER TABLE target_indicators ADD CONSTRAINT target_indicators_aggregation_check
      CHECK (aggregation IN ('sum', 'none'));

    ALTER TABLE indicator_values ADD COLUMN entered_level integer;
    UPDATE indicator_values v SET entered_level = r.level FROM regions r WHERE r.id = v.region_id;
    ALTER TABLE indicator_values ALTER COLUMN entered_level SET NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE indicator_values DROP COLUMN entered_level;
    ALTER TABLE target_indicators DROP COLUMN aggregation;
  `.execute(db);
}
