// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Project extras: 变更/备案 records on a project, and the cooperation and investment projects
 * (招商引资/合作项目) the bureau brokers, with dated arrivals of funds (到位资金).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE project_changes (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('负责人变更', '研究内容变更', '延期', '经费调整', '备案')),
      changed_on date NOT NULL,
      document_no text,
      before_text text,
      after_text text,
      reason text,
      note text,
      user_id integer, -- soft reference like audit_log.user_id
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_changes_project_idx ON project_changes (project_id, changed_on, id);
    CREATE INDEX project_changes_region_path_idx ON project_changes (region_path text_pattern_ops);

    CREATE TABLE investment_projects (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('招商引资', '产学研合作', '技术引进')),
      partner_name text NOT NULL,
      partner_origin text,
      enterprise_id integer REFERENCES enterprises(id),
      our_party text,
      signed_on date,
      contract_amount numeric(16,2) NOT NULL DEFAULT 0 CHECK (contract_amount >= 0),
      status text NOT NULL DEFAULT '洽谈' CHECK (status IN ('洽谈', '签约', '在建', '投产', '终止')),
      staff text,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX investment_projects_region_path_idx ON investment_projects (region_path text_pattern_ops);
    CREATE INDEX investment_projects_signed_on_idx ON investment_projects (signed_on);
    CREATE UNIQUE INDEX investment_projects_key ON investment_projects (region_id, name, partner_name);

    CREATE TABLE investment_arrivals (
      id serial PRIMARY KEY,
      investment_id integer NOT NULL REFERENCES investment_projects(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      arrived_on date NOT NULL,
      amount numeric(16,2) NOT NULL CHECK (amount > 0),
      note text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX investment_arrivals_investment_idx ON investment_arrivals (investment_id, arrived_on);
    CREATE INDEX investment_arrivals_region_path_idx ON investment_arrivals (region_path text_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE investment_arrivals;
    DROP TABLE investment_projects;
    DROP TABLE project_changes;
  `.execute(db);
}
