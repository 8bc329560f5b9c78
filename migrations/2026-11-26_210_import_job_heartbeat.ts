// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * A server running an import on PostgreSQL marks the job alive every few seconds; at start
 * (and while it runs) a server marks interrupted only the 'running' jobs nobody has marked
 * alive for a while, so a second server on the same database, or the old one still ending
 * an import during a restart, keeps its jobs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE import_jobs ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE import_jobs DROP COLUMN heartbeat_at`.execute(db);
}
