// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Files attached to records (a project, a lifecycle transition, a task progress report, an
 * activity's photos). The bytes live on disk outside the web root under a random storage key;
 * the row holds the owner, the region it is scoped by, and what the uploader called the file.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE attachments (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      owner_type text NOT NULL,
      owner_id integer NOT NULL,
      filename text NOT NULL,
      mime text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      uploaded_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX attachments_owner_idx ON attachments (owner_type, owner_id);
    CREATE INDEX attachments_region_path_idx ON attachments (region_path text_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE attachments`.execute(db);
}
