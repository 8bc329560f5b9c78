// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * IP work: enforcement actions (知识产权执法行动) with the figures enforcement reports count,
 * and patent disputes/cases (专利纠纷/侵权案件). Case numbers are unique within a region
 * because each county numbers its own cases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ip_enforcement_actions (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      held_on date NOT NULL,
      place text,
      name text NOT NULL,
      campaign text,
      partners text,
      officers integer NOT NULL DEFAULT 0 CHECK (officers >= 0),
      inspections integer NOT NULL DEFAULT 0 CHECK (inspections >= 0),
      shops integer NOT NULL DEFAULT 0 CHECK (shops >= 0),
      goods integer NOT NULL DEFAULT 0 CHECK (goods >= 0),
      cases_filed integer NOT NULL DEFAULT 0 CHECK (cases_filed >= 0),
      cases_closed integer NOT NULL DEFAULT 0 CHECK (cases_closed >= 0),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ip_enforcement_actions_region_path_idx
      ON ip_enforcement_actions (region_path text_pattern_ops);
    CREATE INDEX ip_enforcement_actions_held_idx ON ip_enforcement_actions (held_on);

    CREATE TABLE ip_disputes (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      case_no text NOT NULL,
      type text NOT NULL,
      received_on date NOT NULL,
      parties text NOT NULL,
      status text NOT NULL CHECK (status IN ('受理', '调解中', '结案')),
      closed_on date,
      outcome text,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ip_disputes_case_no_key UNIQUE (region_id, case_no),
      CONSTRAINT ip_disputes_closed_check CHECK ((status = '结案') = (closed_on IS NOT NULL))
    );
    CREATE INDEX ip_disputes_region_path_idx ON ip_disputes (region_path text_pattern_ops);
    CREATE INDEX ip_disputes_received_idx ON ip_disputes (received_on);
    CREATE INDEX ip_disputes_closed_idx ON ip_disputes (closed_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE ip_disputes, ip_enforcement_actions`.execute(db);
}
