// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/*
 * Patent ledger (module ip): one row per application number, updated in place as later
 * lists bring grants and lapses. Statistics read filed_on (申请), granted_on (授权) and
 * granted_on/lapsed_on (有效 at a date), so each has an index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE patents (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      application_no text NOT NULL,
      patent_type text NOT NULL CHECK (patent_type IN ('发明', '实用新型', '外观设计')),
      pct boolean NOT NULL DEFAULT false,
      title text NOT NULL,
      applicants text NOT NULL,
      first_applicant text NOT NULL,
      enterprise_id integer REFERENCES enterprises(id) ON DELETE SET NULL,
      applicant_type text NOT NULL
        CHECK (applicant_type IN ('企业', '大专院校', '科研单位', '机关团体', '个人')),
      service_invention boolean NOT NULL,
      inventors text,
      address text,
      filed_on date NOT NULL,
      granted_on date,
      legal_status text NOT NULL
        CHECK (legal_status IN ('在审', '授权', '有效', '失效', '驳回', '撤回')),
      status_on date,
      lapsed_on date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT patents_application_no_key UNIQUE (application_no),
      CONSTRAINT patents_dates_check CHECK (
        (granted_on IS NULL OR granted_on >= filed_on)
        AND (lapsed_on IS NULL OR lapsed_on >= filed_on))
    );
    CREATE INDEX patents_region_path_idx ON patents (region_path text_pattern_ops);
    CREATE INDEX patents_filed_on_idx ON patents (filed_on);
    CREATE INDEX patents_granted_on_idx ON patents (granted_on) WHERE granted_on IS NOT NULL;
    CREATE INDEX patents_type_idx ON patents (patent_type);
    CREATE INDEX patents_enterprise_idx ON patents (enterprise_id) WHERE enterprise_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE patents`.execute(db);
}
