// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Targets (目标任务): a catalogue of indicators (a registry metric, or a figure entered by
 * hand as a year-to-date cumulative value), region-year targets against them, and the
 * hand-entered values. Built-in indicators are seeded here; admins may add more.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE target_indicators (
      id serial PRIMARY KEY,
      code text NOT NULL,
      name text NOT NULL,
      unit text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('metric', 'manual')),
      metric_id text,
      description text,
      builtin boolean NOT NULL DEFAULT false,
      sort integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT target_indicators_code_key UNIQUE (code),
      CONSTRAINT target_indicators_metric_check CHECK ((kind = 'metric') = (metric_id IS NOT NULL))
    );

    CREATE TABLE indicator_values (
      id serial PRIMARY KEY,
      indicator_id integer NOT NULL REFERENCES target_indicators(id) ON DELETE RESTRICT,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      year integer NOT NULL,
      as_of date NOT NULL,
      value numeric(18,4) NOT NULL,
      note text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT indicator_values_key UNIQUE (indicator_id, region_id, as_of),
      CONSTRAINT indicator_values_year_check CHECK (year = extract(year from as_of))
    );
    CREATE INDEX indicator_values_region_path_idx ON indicator_values (region_path text_pattern_ops);
    CREATE INDEX indicator_values_lookup_idx ON indicator_values (indicator_id, year, as_of);

    CREATE TABLE targets (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      indicator_id integer NOT NULL REFERENCES target_indicators(id) ON DELETE RESTRICT,
      value numeric(18,4) NOT NULL CHECK (value > 0),
      set_by text NOT NULL CHECK (set_by IN ('市下达', '省下达', '自定')),
      note text,
      assigned_level integer NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT targets_region_year_indicator_key UNIQUE (region_id, year, indicator_id)
    );
    CREATE INDEX targets_region_path_idx ON targets (region_path text_pattern_ops);
    CREATE INDEX targets_year_idx ON targets (year);
  `.execute(db);

  await sql`
    INSERT INTO target_indicators (code, name, unit, kind, metric_id, description, builtin, sort)
    VALUES
      ('invention_apps', '发明专利申请量', '件', 'metric', 'patents.applications.invention', '年内提交的发明专利申请件数', true, 10),
      ('patent_apps', '专利申请量', '件', 'metric', 'patents.applications', '年内提交的专利申请件数', true, 20),
      ('patent_grants', '专利授权量', '件', 'metric', 'patents.grants', '年内获得授权的专利件数', true, 30),
      ('invention_grants', '发明专利授权量', '件', 'metric', 'patents.grants.invention', '年内获得授权的发明专利件数', true, 40),
      ('invention_per_10k', '每万人口发明专利拥有量', '件', 'metric', 'patents.valid.invention_per_10k', '有效发明专利量除以年末常住人口（万人）', true, 50),
      ('hte_new', '新增高新技术企业', '家', 'metric', 'enterprises.hte.new', '年内新认定的国家高新技术企业数', true, 60),
      ('tsme_registered', '科技型中小企业入库', '家', 'metric', 'enterprises.tsme.registered', '年内入库的科技型中小企业数', true, 70),
      ('contract_amount', '技术合同登记额', '万元', 'metric', 'contracts.amount', '年内登记的技术合同成交额', true, 80),
      ('provincial_approvals', '省级项目立项', '项', 'metric', 'projects.approvals.provincial', '年内获批立项的省级科技项目数', true, 90),
      ('funds_secured', '争取资金', '万元', 'metric', 'projects.funds_secured', '年内立项项目争取到的上级财政资金', true, 100),
      ('rd_investment', '研发投入', '万元', 'manual', NULL, '统计部门发布的全社会研发经费投入（年初至统计日累计）', true, 110),
      ('hitech_output', '高新技术产业总产值', '亿元', 'manual', NULL, '统计部门发布的高新技术产业总产值（年初至统计日累计）', true, 120)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS targets, indicator_values, target_indicators`.execute(db);
}
