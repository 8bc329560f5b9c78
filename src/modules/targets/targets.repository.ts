import { type Insertable, sql } from "kysely";
import type {
  Conn,
  Database,
  IndicatorValue,
  Target,
  TargetIndicator,
} from "../../core/db/schema.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

/*
 * Queries of the targets module. Targets and manual values are region-owned and always
 * filtered through the caller's scope; the indicator catalogue is shared by every region.
 */

export function listIndicators(db: Conn, opts: { activeOnly?: boolean } = {}) {
  let qb = db.selectFrom("target_indicators").selectAll().orderBy("sort").orderBy("id");
  if (opts.activeOnly) qb = qb.where("active", "=", true);
  return qb.execute();
}

export function getIndicator(db: Conn, id: number): Promise<TargetIndicator | undefined> {
  return db.selectFrom("target_indicators").selectAll().where("id", "=", id).executeTakeFirst();
}

/** How many targets and hand-entered figures (in every region) use an indicator. */
export async function indicatorUsage(db: Conn, id: number) {
  const r = await sql<{ targets: number; values: number }>`select
    (select count(*) from targets where indicator_id = ${id})::int as targets,
    (select count(*) from indicator_values where indicator_id = ${id})::int as values`.execute(db);
  return { targets: r.rows[0]?.targets ?? 0, values: r.rows[0]?.values ?? 0 };
}

/** The whole catalogue with usage counts, for the admin screen (which deletes unused ones). */
export function listIndicatorsWithUsage(db: Conn) {
  return db
    .selectFrom("target_indicators as i")
    .selectAll("i")
    .select((eb) => [
      eb
        .selectFrom("targets")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("targets.indicator_id", "=", "i.id")
        .as("target_count"),
      eb
        .selectFrom("indicator_values")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("indicator_values.indicator_id", "=", "i.id")
        .as("value_count"),
    ])
    .orderBy("i.sort")
    .orderBy("i.id")
    .execute();
}

export type TargetRow = Target & {
  region_name: string;
  indicator_code: string;
  indicator_name: string;
  indicator_unit: string;
  indicator_kind: string;
  indicator_aggregation: string;
  metric_id: string | null;
};

function targetQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("targets")
    .innerJoin("regions", "regions.id", "targets.region_id")
    .innerJoin("target_indicators as i", "i.id", "targets.indicator_id")
    .selectAll("targets")
    .select([
      "regions.name as region_name",
      "i.code as indicator_code",
      "i.name as indicator_name",
      "i.unit as indicator_unit",
      "i.kind as indicator_kind",
      "i.aggregation as indicator_aggregation",
      "i.metric_id as metric_id",
    ]);
  return whereInScope(qb, scope, "targets.region_path");
}

/** Targets in scope for a year (optionally one region's subtree), by region then catalogue. */
export function listTargets(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  filter: { year?: number; regionPath?: string },
): Promise<TargetRow[]> {
  let qb = targetQuery(db, scope);
  if (filter.year !== undefined) qb = qb.where("targets.year", "=", filter.year);
  if (filter.regionPath)
    qb = whereInScope(qb, { regionPath: filter.regionPath }, "targets.region_path");
  return qb
    .orderBy("targets.year")
    .orderBy("regions.path")
    .orderBy("i.sort")
    .orderBy("i.id")
    .execute();
}

export function getTarget(db: Conn, scope: Scope, id: number): Promise<TargetRow | undefined> {
  return targetQuery(db, scope).where("targets.id", "=", id).executeTakeFirst();
}

type TargetWrite = Insertable<Database["targets"]>;

export function insertTarget(db: Conn, row: TargetWrite): Promise<Target> {
  return db.insertInto("targets").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateTarget(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: { value: number; set_by: string; note: string | null },
): Promise<Target | undefined> {
  return db
    .updateTable("targets")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteTarget(db: Conn, scope: Scope, id: number, version: number) {
  return db
    .deleteFrom("targets")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

/** Targets with these natural keys; callers pass regions already resolved inside scope. */
export async function findTargetsByKeys(
  db: Conn,
  keys: { regionId: number; year: number; indicatorId: number }[],
): Promise<Target[]> {
  if (keys.length === 0) return [];
  const r = await sql<Target>`select t.* from targets t
    join unnest(${keys.map((k) => k.regionId)}::int[], ${keys.map((k) => k.year)}::int[],
      ${keys.map((k) => k.indicatorId)}::int[]) as k(region_id, year, indicator_id)
    on t.region_id = k.region_id and t.year = k.year and t.indicator_id = k.indicator_id`.execute(
    db,
  );
  return r.rows;
}

export type ValueRow = IndicatorValue & {
  region_name: string;
  indicator_name: string;
  indicator_unit: string;
  indicator_aggregation: string;
};

function valueQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("indicator_values")
    .innerJoin("regions", "regions.id", "indicator_values.region_id")
    .innerJoin("target_indicators as i", "i.id", "indicator_values.indicator_id")
    .selectAll("indicator_values")
    .select([
      "regions.name as region_name",
      "i.name as indicator_name",
      "i.unit as indicator_unit",
      "i.aggregation as indicator_aggregation",
    ]);
  return whereInScope(qb, scope, "indicator_values.region_path");
}

export function listValues(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  filter: { year?: number; indicatorId?: number; regionId?: number; all?: boolean },
): Promise<ValueRow[]> {
  let qb = valueQuery(db, scope);
  if (filter.year !== undefined) qb = qb.where("indicator_values.year", "=", filter.year);
  if (filter.indicatorId !== undefined)
    qb = qb.where("indicator_values.indicator_id", "=", filter.indicatorId);
  if (filter.regionId !== undefined)
    qb = qb.where("indicator_values.region_id", "=", filter.regionId);
  return qb
    .orderBy("indicator_values.as_of", "desc")
    .orderBy("indicator_values.id", "desc")
    .limit(filter.all ? 100000 : 500)
    .execute();
}

export function getValue(db: Conn, scope: Scope, id: number): Promise<ValueRow | undefined> {
  return valueQuery(db, scope).where("indicator_values.id", "=", id).executeTakeFirst();
}

/** Every hand-entered figure in scope (a small table): an import's existing rows by key. */
export function valuesInScope(db: Conn, scope: Pick<Scope, "regionPath">) {
  return whereInScope(
    db.selectFrom("indicator_values").selectAll(),
    scope,
    "region_path",
  ).execute();
}

type ValueWrite = Insertable<Database["indicator_values"]>;

export function insertValue(db: Conn, row: ValueWrite): Promise<IndicatorValue> {
  return db.insertInto("indicator_values").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateValue(
  db: Conn,
  scope: Pick<Scope, "regionPath">,
  id: number,
  version: number,
  row: Omit<ValueWrite, "id" | "version" | "created_at" | "updated_at">,
): Promise<IndicatorValue | undefined> {
  return db
    .updateTable("indicator_values")
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}
