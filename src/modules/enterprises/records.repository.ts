import { sql } from "kysely";
import type {
  Conn,
  EnterpriseApplicationTable,
  EnterpriseQualificationTable,
  EnterpriseYearlyTable,
  QualificationKind,
  RegionYearFigureTable,
} from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";

type Values<T> = Omit<T, "id" | "version" | "created_at" | "updated_at">;
export type QualificationValues = Values<EnterpriseQualificationTable>;
export type ApplicationValues = Omit<Values<EnterpriseApplicationTable>, "batch"> & {
  batch: string;
};
export type YearlyValues = Omit<Values<EnterpriseYearlyTable>, "above_scale"> & {
  above_scale: boolean;
};
export type RegionYearValues = Values<RegionYearFigureTable>;

export function getKind(db: Conn, code: string): Promise<QualificationKind | undefined> {
  return db
    .selectFrom("qualification_kinds")
    .selectAll()
    .where("code", "=", code)
    .executeTakeFirst();
}

export function listKinds(db: Conn): Promise<QualificationKind[]> {
  return db.selectFrom("qualification_kinds").selectAll().orderBy("sort").execute();
}

function inScope(scope: Scope) {
  return `${scope.regionPath}%`;
}

export function qualificationsOf(db: Conn, scope: Scope, enterpriseId: number) {
  return db
    .selectFrom("enterprise_qualifications as q")
    .innerJoin("qualification_kinds as k", "k.code", "q.kind_code")
    .selectAll("q")
    .select(["k.name as kind_name", "k.category"])
    .where("q.enterprise_id", "=", enterpriseId)
    .where("q.region_path", "like", inScope(scope))
    .orderBy("q.year", "desc")
    .orderBy("k.sort")
    .execute();
}

export function applicationsOf(db: Conn, scope: Scope, enterpriseId: number) {
  return db
    .selectFrom("enterprise_applications as a")
    .innerJoin("qualification_kinds as k", "k.code", "a.kind_code")
    .selectAll("a")
    .select("k.name as kind_name")
    .where("a.enterprise_id", "=", enterpriseId)
    .where("a.region_path", "like", inScope(scope))
    .orderBy("a.applied_on", "desc")
    .execute();
}

export function yearlyOf(db: Conn, scope: Scope, enterpriseId: number) {
  return db
    .selectFrom("enterprise_yearly")
    .selectAll()
    .where("enterprise_id", "=", enterpriseId)
    .where("region_path", "like", inScope(scope))
    .orderBy("year", "desc")
    .execute();
}

export function listRegionYears(db: Conn, scope: Scope) {
  return db
    .selectFrom("region_year_figures as f")
    .innerJoin("regions as r", "r.id", "f.region_id")
    .selectAll("f")
    .select("r.name as region_name")
    .where("f.region_path", "like", inScope(scope))
    .orderBy("f.year", "desc")
    .orderBy("r.path")
    .limit(500)
    .execute();
}

export type RecordTable =
  | "enterprise_qualifications"
  | "enterprise_applications"
  | "enterprise_yearly"
  | "region_year_figures";

/** One record of a scoped table, for before-images and version checks. */
export async function findRecord(db: Conn, scope: Scope, table: RecordTable, id: number) {
  const r = await sql<Record<string, unknown> & { id: number; region_path: string }>`
    select * from ${sql.table(table)} where id = ${id} and region_path like ${inScope(scope)}`.execute(
    db,
  );
  return r.rows[0];
}

export async function deleteRecord(
  db: Conn,
  scope: Scope,
  table: RecordTable,
  id: number,
  version: number,
) {
  const r = await sql<Record<string, unknown> & { id: number; region_path: string }>`
    delete from ${sql.table(table)} where id = ${id} and version = ${version}
    and region_path like ${inScope(scope)} returning *`.execute(db);
  return r.rows[0];
}
