// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/*
 * Enterprises and 高企 cultivation: the registry, qualifications over time (a configurable
 * dictionary of kinds), application records, yearly figures per enterprise, and figures
 * entered per region-year (GDP, 高新技术产业总产值, population).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE enterprises (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      name_norm text NOT NULL,
      credit_code text NOT NULL,
      legal_rep text,
      contact text,
      phone text,
      address text,
      industry text CHECK (industry ~ '^[A-T]$'),
      founded_on date,
      tags text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT enterprises_credit_code_key UNIQUE (credit_code)
    );
    CREATE INDEX enterprises_region_path_idx ON enterprises (region_path text_pattern_ops);
    CREATE INDEX enterprises_name_norm_idx ON enterprises (name_norm);

    CREATE TABLE qualification_kinds (
      code text PRIMARY KEY,
      name text NOT NULL,
      category text NOT NULL CHECK (category IN ('hte', 'reserve', 'tsme', 'other')),
      valid_years smallint NOT NULL CHECK (valid_years BETWEEN 1 AND 10),
      by_year boolean NOT NULL,
      number_label text NOT NULL,
      sort integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true
    );
    INSERT INTO qualification_kinds (code, name, category, valid_years, by_year, number_label, sort) VALUES
      ('hte', '国家高新技术企业', 'hte', 3, false, '证书编号', 1),
      ('hte_reserve', '省级高新技术企业培育库', 'reserve', 1, true, '入库编号', 2),
      ('tsme', '科技型中小企业', 'tsme', 1, true, '入库编号', 3),
      ('st_giant', '科技小巨人企业', 'other', 3, false, '认定文号', 4),
      ('zjtx', '省级专精特新中小企业', 'other', 3, false, '认定文号', 5),
      ('zjtx_giant', '专精特新“小巨人”企业', 'other', 3, false, '认定文号', 6),
      ('innovative_sme', '创新型中小企业', 'other', 3, false, '认定文号', 7);

    CREATE TABLE enterprise_qualifications (
      id serial PRIMARY KEY,
      enterprise_id integer NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind_code text NOT NULL REFERENCES qualification_kinds(code),
      number text,
      year smallint NOT NULL,
      issued_on date,
      expires_on date NOT NULL,
      note text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT enterprise_qualifications_year_key UNIQUE (enterprise_id, kind_code, year)
    );
    CREATE INDEX enterprise_qualifications_region_path_idx
      ON enterprise_qualifications (region_path text_pattern_ops);
    CREATE INDEX enterprise_qualifications_enterprise_idx
      ON enterprise_qualifications (enterprise_id);
    CREATE INDEX enterprise_qualifications_kind_idx
      ON enterprise_qualifications (kind_code, expires_on);

    CREATE TABLE enterprise_applications (
      id serial PRIMARY KEY,
      enterprise_id integer NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind_code text NOT NULL REFERENCES qualification_kinds(code),
      year smallint NOT NULL,
      batch text NOT NULL DEFAULT '',
      applied_on date NOT NULL,
      result text NOT NULL CHECK (result IN ('申报', '通过', '未通过')),
      decided_on date,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT enterprise_applications_key UNIQUE (enterprise_id, kind_code, year, batch)
    );
    CREATE INDEX enterprise_applications_region_path_idx
      ON enterprise_applications (region_path text_pattern_ops);

    CREATE TABLE enterprise_yearly (
      id serial PRIMARY KEY,
      enterprise_id integer NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      year smallint NOT NULL,
      revenue numeric(16,2),
      rd_expense numeric(16,2),
      hitech_income numeric(16,2),
      super_deduction numeric(16,2),
      employees integer,
      st_staff integer,
      above_scale boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT enterprise_yearly_key UNIQUE (enterprise_id, year)
    );
    CREATE INDEX enterprise_yearly_region_path_idx
      ON enterprise_yearly (region_path text_pattern_ops);

    CREATE TABLE region_year_figures (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      year smallint NOT NULL,
      gdp numeric(16,2),
      hitech_output numeric(16,2),
      population numeric(10,2),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT region_year_figures_key UNIQUE (region_id, year)
    );
    CREATE INDEX region_year_figures_region_path_idx
      ON region_year_figures (region_path text_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE region_year_figures, enterprise_yearly, enterprise_applications,
    enterprise_qualifications, qualification_kinds, enterprises`.execute(db);
}
