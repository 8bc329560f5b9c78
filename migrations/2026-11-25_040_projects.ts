// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * S&T plan projects with a dated status history, mid-term and acceptance records, and the
 * funds ledger (money paid out, recoveries). Programmes are a dictionary a bureau extends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE project_programmes (
      code text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      sort integer NOT NULL DEFAULT 0
    );
    INSERT INTO project_programmes (code, name, sort) VALUES
      ('support', '科技支撑', 1),
      ('key_rd', '重点研发', 2),
      ('transfer', '成果转化', 3),
      ('patent', '专利实施', 4),
      ('spark', '星火计划', 5),
      ('innofund', '创新基金', 6),
      ('fumin', '富民强县专项', 7),
      ('county_key', '县级重点科技计划', 8),
      ('other', '其他', 99);

    CREATE TABLE projects (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('国家', '省', '市', '县')),
      programme_code text NOT NULL REFERENCES project_programmes(code),
      enterprise_id integer REFERENCES enterprises(id),
      undertaker_name text NOT NULL,
      partners text,
      task_book_no text,
      approval_no text,
      start_on date,
      end_on date,
      fund_national numeric(16,2) NOT NULL DEFAULT 0 CHECK (fund_national >= 0),
      fund_provincial numeric(16,2) NOT NULL DEFAULT 0 CHECK (fund_provincial >= 0),
      fund_city numeric(16,2) NOT NULL DEFAULT 0 CHECK (fund_city >= 0),
      fund_county numeric(16,2) NOT NULL DEFAULT 0 CHECK (fund_county >= 0),
      fund_self numeric(16,2) NOT NULL DEFAULT 0 CHECK (fund_self >= 0),
      staff text,
      apply_year smallint NOT NULL CHECK (apply_year BETWEEN 1990 AND 2100),
      status text NOT NULL DEFAULT '储备',
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on)
    );
    CREATE INDEX projects_region_path_idx ON projects (region_path text_pattern_ops);
    CREATE INDEX projects_enterprise_idx ON projects (enterprise_id);
    CREATE UNIQUE INDEX projects_approval_no_key ON projects (approval_no) WHERE approval_no IS NOT NULL;

    CREATE TABLE project_transitions (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      occurred_on date NOT NULL,
      note text,
      user_id integer, -- who moved it; a soft reference like audit_log.user_id
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_transitions_project_idx ON project_transitions (project_id, occurred_on, id);
    CREATE INDEX project_transitions_to_idx ON project_transitions (to_status, occurred_on);
    CREATE INDEX project_transitions_region_path_idx ON project_transitions (region_path text_pattern_ops);

    CREATE TABLE project_midterms (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      checked_on date NOT NULL,
      result text NOT NULL CHECK (result IN ('超额完成', '完成', '基本完成', '未完成')),
      delay_reason text CHECK (delay_reason IN ('技术变化', '经费未落实', '负责人变动', '协作关系', '其他')),
      notes text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX project_midterms_project_idx ON project_midterms (project_id);

    CREATE TABLE project_acceptances (
      id serial PRIMARY KEY,
      project_id integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      region_path text NOT NULL,
      accepted_on date NOT NULL,
      task_conclusion text NOT NULL CHECK (task_conclusion IN ('通过', '整改后通过', '不通过')),
      finance_conclusion text NOT NULL CHECK (finance_conclusion IN ('通过', '整改后通过', '不通过')),
      outcome text NOT NULL CHECK (outcome IN ('通过验收', '整改后通过', '不通过')),
      rectify_by date,
      notes text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((outcome = '整改后通过') = (rectify_by IS NOT NULL))
    );
    CREATE INDEX project_acceptances_project_idx ON project_acceptances (project_id);

    CREATE TABLE fund_payments (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('项目经费拨付', '专利资助', '贷款贴息', '科技奖励', '其他', '追回')),
      paid_on date NOT NULL,
      amount numeric(16,2) NOT NULL CHECK ((kind = '追回') = (amount < 0) AND amount <> 0),
      source text NOT NULL CHECK (source IN ('国拨', '省拨', '市级', '县级')),
      enterprise_id integer REFERENCES enterprises(id),
      payee_name text NOT NULL,
      voucher_no text,
      project_id integer REFERENCES projects(id),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX fund_payments_region_path_idx ON fund_payments (region_path text_pattern_ops);
    CREATE INDEX fund_payments_project_idx ON fund_payments (project_id);
    CREATE INDEX fund_payments_paid_on_idx ON fund_payments (paid_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE fund_payments;
    DROP TABLE project_acceptances;
    DROP TABLE project_midterms;
    DROP TABLE project_transitions;
    DROP TABLE projects;
    DROP TABLE project_programmes;
  `.execute(db);
}
