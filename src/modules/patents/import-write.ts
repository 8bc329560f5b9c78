import { sql } from "kysely";
import type { CopyIn } from "../../core/db/copy.ts";
import type { Conn, PatentTable } from "../../core/db/schema.ts";

/** A patent row as the import writes it. */
export type NewRow = Omit<PatentTable, "id" | "version" | "created_at" | "updated_at" | "pct"> & {
  pct: boolean;
};

/** Column order of the batch insert, with each column's array type. */
const WRITTEN = [
  ["region_id", "int4"],
  ["region_path", "text"],
  ["application_no", "text"],
  ["patent_type", "text"],
  ["pct", "bool"],
  ["title", "text"],
  ["applicants", "text"],
  ["first_applicant", "text"],
  ["enterprise_id", "int4"],
  ["applicant_type", "text"],
  ["service_invention", "bool"],
  ["inventors", "text"],
  ["address", "text"],
  ["filed_on", "date"],
  ["granted_on", "date"],
  ["legal_status", "text"],
  ["status_on", "date"],
  ["lapsed_on", "date"],
] as const satisfies readonly (readonly [keyof NewRow, string])[];

/** The batch as one array per column, in WRITTEN's order. */
const columnArrays = (rows: NewRow[]) =>
  WRITTEN.map(([c, type]) => sql`${rows.map((r) => r[c])}::${sql.raw(type)}[]`);

/**
 * New patents: with COPY on the transaction's own connection when it can be reached (both
 * engines), otherwise one statement per batch whose values travel as one array per column
 * and are unnested by the server (a thousand rows cost eighteen parameters, not 18,000).
 */
export async function insertRows(trx: Conn, rows: NewRow[], copy: CopyIn | null): Promise<void> {
  if (rows.length === 0) return;
  if (copy) {
    // New rows (looked up, checked, unique in the file): COPY costs what the floor costs.
    await copy(
      "patents",
      WRITTEN.map(([c]) => c),
      rows,
    );
    return;
  }
  const columns = sql.join(WRITTEN.map(([c]) => sql.ref(c)));
  await sql`insert into patents (${columns})
    select * from unnest(${sql.join(columnArrays(rows))})`.execute(trx);
}

/** Changed patents (a later list: status, dates, applicants), updated in place by id. */
export async function updateRows(trx: Conn, rows: { id: number; row: NewRow }[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(WRITTEN.map(([c]) => sql.ref(c)));
  const set = sql.join(WRITTEN.map(([c]) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
  const arrays = sql.join([
    sql`${rows.map((r) => r.id)}::int4[]`,
    ...columnArrays(rows.map((r) => r.row)),
  ]);
  await sql`update patents p set ${set}, version = p.version + 1, updated_at = now()
    from unnest(${arrays}) as v(id, ${names}) where p.id = v.id`.execute(trx);
}
