// Frozen in time: never import application code from a migration.
import { type Kysely, sql } from "kysely";

/**
 * IP assets: patent pledge financing (知识产权质押融资) and IP designations (示范/优势企业,
 * 贯标, 知识产权强县). A pledge is identified by enterprise + bank + registration date, so a
 * re-imported list updates rather than duplicates; a designation by kind + holder + year,
 * where the holder is the enterprise or, for county designations, the region.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ip_pledges (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      enterprise_id integer NOT NULL REFERENCES enterprises(id),
      patent_count integer NOT NULL CHECK (patent_count > 0),
      application_nos text[] NOT NULL DEFAULT '{}',
      bank text NOT NULL,
      amount numeric(16,2) NOT NULL CHECK (amount > 0),
      registered_on date NOT NULL,
      term_months integer CHECK (term_months > 0),
      payment_id integer REFERENCES fund_payments(id),
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ip_pledges_key UNIQUE (enterprise_id, bank, registered_on)
    );
    CREATE INDEX ip_pledges_region_path_idx ON ip_pledges (region_path text_pattern_ops);
    CREATE INDEX ip_pledges_registered_idx ON ip_pledges (registered_on);
    CREATE INDEX ip_pledges_payment_idx ON ip_pledges (payment_id);

    CREATE TABLE ip_designations (
      id serial PRIMARY KEY,
      region_id integer NOT NULL REFERENCES regions(id),
      region_path text NOT NULL,
      kind text NOT NULL,
      level text NOT NULL CHECK (level IN ('国家', '省', '市', '县')),
      year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
      enterprise_id integer REFERENCES enterprises(id),
      recognised_on date NOT NULL,
      document_no text,
      status text NOT NULL DEFAULT '有效' CHECK (status IN ('有效', '到期', '撤销')),
      expires_on date,
      notes text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT ip_designations_expiry_check CHECK (expires_on IS NULL OR expires_on >= recognised_on)
    );
    CREATE UNIQUE INDEX ip_designations_enterprise_key
      ON ip_designations (kind, enterprise_id, year) WHERE enterprise_id IS NOT NULL;
    CREATE UNIQUE INDEX ip_designations_region_key
      ON ip_designations (kind, region_id, year) WHERE enterprise_id IS NULL;
    CREATE INDEX ip_designations_region_path_idx
      ON ip_designations (region_path text_pattern_ops);
    CREATE INDEX ip_designations_recognised_idx ON ip_designations (recognised_on);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE ip_designations, ip_pledges`.execute(db);
}
