// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Earthquake prevention (防震减灾): fortification approvals, macro observation points with
 * their monthly reports (one per point and month, 零报告 included), early-warning terminals,
 * emergency shelters and drills. Every table is region-owned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE quake_approvals (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      project_name text NOT NULL,
      applicant text NOT NULL,
      approved_on date NOT NULL,
      result text NOT NULL CHECK (result IN ('同意', '不同意', '补正')),
      fortification_level text,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX quake_approvals_region_path_idx ON quake_approvals (region_path text_pattern_ops);
    CREATE INDEX quake_approvals_approved_on_idx ON quake_approvals (approved_on);

    CREATE TABLE quake_points (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      observer text NOT NULL,
      phone text,
      type text NOT NULL CHECK (type IN ('动物', '植物', '地下水', '其他')),
      started_on date NOT NULL,
      active boolean NOT NULL DEFAULT true,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT quake_points_name_key UNIQUE (region_id, name)
    );
    CREATE INDEX quake_points_region_path_idx ON quake_points (region_path text_pattern_ops);

    CREATE TABLE quake_reports (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      point_id integer NOT NULL REFERENCES quake_points(id),
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      zero_report boolean NOT NULL,
      anomaly text,
      reported_on date NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT quake_reports_point_month_key UNIQUE (point_id, month)
    );
    CREATE INDEX quake_reports_region_path_idx ON quake_reports (region_path text_pattern_ops);
    CREATE INDEX quake_reports_month_idx ON quake_reports (month);

    CREATE TABLE quake_terminals (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      site text NOT NULL,
      installed_on date NOT NULL,
      status text NOT NULL CHECK (status IN ('正常', '故障', '拆除')),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX quake_terminals_region_path_idx ON quake_terminals (region_path text_pattern_ops);

    CREATE TABLE quake_shelters (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      capacity integer NOT NULL CHECK (capacity >= 0),
      area numeric(12,2) NOT NULL CHECK (area >= 0),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX quake_shelters_region_path_idx ON quake_shelters (region_path text_pattern_ops);

    CREATE TABLE quake_drills (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      held_on date NOT NULL,
      place text NOT NULL,
      organiser text NOT NULL,
      participants integer NOT NULL CHECK (participants >= 0),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX quake_drills_region_path_idx ON quake_drills (region_path text_pattern_ops);
    CREATE INDEX quake_drills_held_on_idx ON quake_drills (held_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE quake_drills, quake_shelters, quake_terminals, quake_reports, quake_points,
      quake_approvals;
  `.execute(db);
}
