// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * Field work: popularisation/training activities with measured outputs, technology
 * contracts, and science commissioners (科技特派员) with their assignments and service log.
 * Campaigns and output kinds are dictionaries so a bureau can add its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE activity_campaigns (
      code text PRIMARY KEY,
      name text NOT NULL UNIQUE,
      usual_month smallint CHECK (usual_month BETWEEN 1 AND 12),
      sort integer NOT NULL DEFAULT 0
    );
    INSERT INTO activity_campaigns (code, name, usual_month, sort) VALUES
      ('spring', '科技之春', 3, 1),
      ('ip426', '4·26知识产权宣传周', 4, 2),
      ('week', '科技活动周', 5, 3),
      ('dpr512', '5·12防灾减灾日', 5, 4),
      ('sciday', '全国科普日', 9, 5),
      ('sanxia', '文化科技卫生三下乡', 1, 6);

    CREATE TABLE activity_output_kinds (
      code text PRIMARY KEY,
      label text NOT NULL UNIQUE,
      unit text NOT NULL,
      sort integer NOT NULL DEFAULT 0
    );
    INSERT INTO activity_output_kinds (code, label, unit, sort) VALUES
      ('staff', '科技人员人数', '名', 1),
      ('teams', '科普宣传队数', '个', 2),
      ('towns', '乡镇个数', '个', 3),
      ('consultations', '咨询人次', '人次', 4),
      ('sessions', '讲座培训场次', '场次', 5),
      ('trainees', '培训人次', '人次', 6),
      ('books', '图书册数', '册', 7),
      ('charts', '挂图套数', '套', 8),
      ('materials', '资料份数', '份', 9),
      ('boards', '展板块数', '块', 10),
      ('clinics', '义诊人次', '人次', 11),
      ('donations', '赠送物资价值', '元', 12),
      ('participants', '参与人数', '人', 13);

    CREATE TABLE activities (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      title text NOT NULL,
      type text NOT NULL,
      campaign_code text REFERENCES activity_campaigns(code),
      edition smallint CHECK (edition BETWEEN 1 AND 200),
      held_on date NOT NULL,
      place text,
      theme text,
      organiser_unit_id integer REFERENCES units(id),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX activities_region_path_idx ON activities (region_path text_pattern_ops);
    CREATE INDEX activities_held_on_idx ON activities (held_on);
    CREATE INDEX activities_campaign_idx ON activities (campaign_code, held_on);

    CREATE TABLE activity_partners (
      activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      unit_id integer NOT NULL REFERENCES units(id),
      PRIMARY KEY (activity_id, unit_id)
    );
    CREATE INDEX activity_partners_unit_idx ON activity_partners (unit_id);

    CREATE TABLE activity_outputs (
      activity_id integer NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
      kind text NOT NULL REFERENCES activity_output_kinds(code),
      value numeric(16,2) NOT NULL CHECK (value >= 0),
      PRIMARY KEY (activity_id, kind)
    );
    CREATE INDEX activity_outputs_kind_idx ON activity_outputs (kind);

    CREATE TABLE tech_contracts (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      reg_no text NOT NULL,
      name text NOT NULL,
      type text NOT NULL,
      seller_name text NOT NULL,
      seller_credit_code text,
      enterprise_id integer,
      buyer_name text NOT NULL,
      amount numeric(16,2) NOT NULL CHECK (amount >= 0),
      turnover numeric(16,2) NOT NULL CHECK (turnover >= 0),
      signed_on date,
      registered_on date NOT NULL,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT tech_contracts_reg_no_key UNIQUE (reg_no)
    );
    CREATE INDEX tech_contracts_region_path_idx ON tech_contracts (region_path text_pattern_ops);
    CREATE INDEX tech_contracts_registered_idx ON tech_contracts (registered_on);

    CREATE TABLE commissioners (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      name text NOT NULL,
      unit_name text,
      title text,
      specialty text,
      phone text,
      level text NOT NULL,
      team text,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commissioners_region_path_idx ON commissioners (region_path text_pattern_ops);

    CREATE TABLE commissioner_assignments (
      id serial PRIMARY KEY,
      commissioner_id integer NOT NULL REFERENCES commissioners(id) ON DELETE CASCADE,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      starts_on date NOT NULL,
      ends_on date,
      CONSTRAINT commissioner_assignments_dates_check CHECK (ends_on IS NULL OR ends_on >= starts_on)
    );
    CREATE INDEX commissioner_assignments_commissioner_idx ON commissioner_assignments (commissioner_id);
    CREATE INDEX commissioner_assignments_region_path_idx
      ON commissioner_assignments (region_path text_pattern_ops);

    CREATE TABLE commissioner_services (
      id serial PRIMARY KEY,
      commissioner_id integer NOT NULL REFERENCES commissioners(id) ON DELETE CASCADE,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      served_on date NOT NULL,
      content text NOT NULL,
      people_reached integer NOT NULL DEFAULT 0 CHECK (people_reached >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commissioner_services_commissioner_idx ON commissioner_services (commissioner_id, served_on);
    CREATE INDEX commissioner_services_region_path_idx
      ON commissioner_services (region_path text_pattern_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE commissioner_services, commissioner_assignments, commissioners,
    tech_contracts, activity_outputs, activity_partners, activities, activity_output_kinds, activity_campaigns`.execute(
    db,
  );
}
