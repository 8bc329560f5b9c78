// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Report drafts: one work summary per region and period, as generated (`generated`) and as
 * people edited it (`edited`); every save is kept as a numbered version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_drafts (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      period_code text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      title text NOT NULL,
      generated jsonb NOT NULL,
      edited jsonb NOT NULL,
      changes jsonb NOT NULL DEFAULT '[]',
      current_no integer NOT NULL DEFAULT 1,
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      updated_by integer REFERENCES users(id) ON DELETE SET NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT report_drafts_region_period_key UNIQUE (region_id, period_from, period_to),
      CHECK (period_from <= period_to)
    );
    CREATE INDEX report_drafts_region_path_idx ON report_drafts (region_path text_pattern_ops);

    CREATE TABLE report_versions (
      id serial PRIMARY KEY,
      draft_id integer NOT NULL REFERENCES report_drafts(id) ON DELETE CASCADE,
      no integer NOT NULL,
      generated jsonb NOT NULL,
      edited jsonb NOT NULL,
      note text NOT NULL,
      created_by integer REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT report_versions_draft_no_key UNIQUE (draft_id, no)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE report_versions; DROP TABLE report_drafts`.execute(db);
}
