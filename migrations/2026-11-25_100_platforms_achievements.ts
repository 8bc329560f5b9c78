// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * 科技创新平台 (with yearly checks) and 合作协议; 科技成果, 标准制定, 科技奖励 and 荣誉.
 * Every table is region-owned; natural keys are unique within a region, because two
 * counties may legitimately hold the same honour title or take part in the same standard.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE platforms (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind text NOT NULL,
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('国家', '省', '市', '县')),
      enterprise_id integer REFERENCES enterprises(id) ON DELETE SET NULL,
      operator_name text,
      recognised_on date NOT NULL,
      doc_no text,
      status text NOT NULL CHECK (status IN ('运行中', '整改', '撤销', '摘牌')),
      revoked_on date,
      area numeric(12,2) CHECK (area >= 0),
      incubated integer CHECK (incubated >= 0),
      researchers integer CHECK (researchers >= 0),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT platforms_name_key UNIQUE (region_id, name)
    );
    CREATE INDEX platforms_region_path_idx ON platforms (region_path text_pattern_ops);
    CREATE INDEX platforms_recognised_on_idx ON platforms (recognised_on);
    CREATE INDEX platforms_enterprise_id_idx ON platforms (enterprise_id);

    CREATE TABLE platform_checks (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      platform_id integer NOT NULL REFERENCES platforms(id),
      year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      result text NOT NULL CHECK (result IN ('优秀', '良好', '合格', '基本合格', '不合格')),
      note text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT platform_checks_year_key UNIQUE (platform_id, year)
    );
    CREATE INDEX platform_checks_region_path_idx ON platform_checks (region_path text_pattern_ops);

    CREATE TABLE coop_agreements (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('县校合作', '院地合作', '产学研合作', '校企合作')),
      title text NOT NULL,
      enterprise_id integer REFERENCES enterprises(id) ON DELETE SET NULL,
      our_party text NOT NULL,
      partner text NOT NULL,
      signed_on date NOT NULL,
      content text,
      amount numeric(16,2) CHECK (amount >= 0),
      status text NOT NULL CHECK (status IN ('签约', '履行中', '已完成', '终止')),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT coop_agreements_title_key UNIQUE (region_id, title, signed_on)
    );
    CREATE INDEX coop_agreements_region_path_idx ON coop_agreements (region_path text_pattern_ops);
    CREATE INDEX coop_agreements_signed_on_idx ON coop_agreements (signed_on);

    CREATE TABLE achievements (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('登记', '鉴定', '评价')),
      title text NOT NULL,
      reg_no text,
      achieved_on date NOT NULL,
      enterprise_id integer REFERENCES enterprises(id) ON DELETE SET NULL,
      owner_name text NOT NULL,
      level text CHECK (level IN ('国际领先', '国际先进', '国内领先', '国内先进')),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX achievements_region_path_idx ON achievements (region_path text_pattern_ops);
    CREATE INDEX achievements_achieved_on_idx ON achievements (achieved_on);
    CREATE UNIQUE INDEX achievements_reg_no_key ON achievements (region_id, reg_no)
      WHERE reg_no IS NOT NULL;
    CREATE UNIQUE INDEX achievements_title_key ON achievements (region_id, title)
      WHERE reg_no IS NULL;

    CREATE TABLE achievement_standards (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('国家', '行业', '地方', '团体', '企业')),
      title text NOT NULL,
      std_no text NOT NULL,
      enterprise_id integer REFERENCES enterprises(id) ON DELETE SET NULL,
      unit_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('主持', '参与')),
      published_on date NOT NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT achievement_standards_no_key UNIQUE (region_id, std_no)
    );
    CREATE INDEX achievement_standards_region_path_idx
      ON achievement_standards (region_path text_pattern_ops);
    CREATE INDEX achievement_standards_published_on_idx ON achievement_standards (published_on);

    CREATE TABLE achievement_awards (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      award text NOT NULL,
      level text NOT NULL CHECK (level IN ('国家', '省', '市', '县')),
      year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      project text NOT NULL,
      units text NOT NULL,
      status text NOT NULL CHECK (status IN ('推荐', '获奖', '未获奖')),
      rank text CHECK (rank IN ('特等', '一等', '二等', '三等', '优秀奖', '金奖', '银奖')),
      nominated_on date,
      result_on date,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT achievement_awards_key UNIQUE (region_id, award, year, project)
    );
    CREATE INDEX achievement_awards_region_path_idx
      ON achievement_awards (region_path text_pattern_ops);
    CREATE INDEX achievement_awards_result_on_idx ON achievement_awards (result_on);

    CREATE TABLE achievement_honours (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      title text NOT NULL,
      conferred_by text NOT NULL,
      level text NOT NULL CHECK (level IN ('国家', '省', '市', '县')),
      conferred_on date NOT NULL,
      recipient text NOT NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT achievement_honours_key UNIQUE (region_id, title, conferred_on)
    );
    CREATE INDEX achievement_honours_region_path_idx
      ON achievement_honours (region_path text_pattern_ops);
    CREATE INDEX achievement_honours_conferred_on_idx ON achievement_honours (conferred_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE achievement_honours, achievement_awards, achievement_standards, achievements,
      coop_agreements, platform_checks, platforms;
  `.execute(db);
}
