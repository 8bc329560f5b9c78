// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE regions (
      id serial PRIMARY KEY,
      parent_id integer REFERENCES regions(id),
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
      path text NOT NULL UNIQUE,
      sort integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX regions_path_idx ON regions (path text_pattern_ops);
    CREATE INDEX regions_parent_idx ON regions (parent_id);

    CREATE TABLE units (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      short_name text,
      kind text NOT NULL,
      contact text,
      phone text,
      sort integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT units_region_name_key UNIQUE (region_id, name)
    );
    CREATE INDEX units_region_path_idx ON units (region_path text_pattern_ops);

    CREATE TABLE users (
      id serial PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      unit_id integer REFERENCES units(id),
      phone text,
      active boolean NOT NULL DEFAULT true,
      must_change_password boolean NOT NULL DEFAULT false,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));
    CREATE INDEX users_region_path_idx ON users (region_path text_pattern_ops);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      active_region_id integer NOT NULL REFERENCES regions(id),
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      user_id integer,
      username text,
      action text NOT NULL,
      entity text NOT NULL,
      record_id text,
      region_path text,
      before jsonb,
      after jsonb,
      ip text
    );
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, record_id);
    CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);
    CREATE INDEX audit_log_region_idx ON audit_log (region_path text_pattern_ops);

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE settings, audit_log, sessions, users, units, regions`.execute(db);
}
