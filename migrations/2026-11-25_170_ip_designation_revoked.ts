// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * The day a designation was revoked (撤销): the stock of valid designations counts it up to
 * the day before. Existing 撤销 rows keep no date and count as revoked on every day. The
 * pledge form lists an enterprise's 贷款贴息 payments, hence the index on the payee firm.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE ip_designations ADD COLUMN revoked_on date;
    ALTER TABLE ip_designations ADD CONSTRAINT ip_designations_revoked_check
      CHECK (revoked_on IS NULL OR (status = '撤销' AND revoked_on >= recognised_on));
    CREATE INDEX fund_payments_enterprise_idx ON fund_payments (enterprise_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX fund_payments_enterprise_idx;
    ALTER TABLE ip_designations DROP CONSTRAINT ip_designations_revoked_check;
    ALTER TABLE ip_designations DROP COLUMN revoked_on;
  `.execute(db);
}
