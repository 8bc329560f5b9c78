// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Background imports outlive the process that ran them: a user who closed the browser (or
 * whose server restarted) can still see how the last import ended. Progress while running
 * stays in memory; a row still 'running' at startup belonged to a process that died.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE import_jobs (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      entity text NOT NULL,
      filename text NOT NULL,
      state text NOT NULL
        CHECK (state IN ('running', 'done', 'failed', 'interrupted')),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      rows integer NOT NULL DEFAULT 0,
      result jsonb,
      error jsonb,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL
    );
    CREATE INDEX import_jobs_user_idx ON import_jobs (user_id, entity, started_at DESC);
    CREATE INDEX import_jobs_running_idx ON import_jobs (state) WHERE state = 'running';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE import_jobs`.execute(db);
}
