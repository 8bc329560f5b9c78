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

export type TargetRow = Target & {
  region_name: string;
  indicator_code: string;
  indicator_name: string;
  indicator_unit: string;
  indicator_kind: string;
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
    ]);
  return whereInScope(qb, scope, "indicator_values.region_path");
}

export function listValues(
  db: Conn,
  scope: Scope,
  filter: { year?: number; indicatorId?: number; regionId?: number },
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
    .limit(500)
    .execute();
}

export function getValue(db: Conn, scope: Scope, id: number): Promise<ValueRow | undefined> {
  return valueQuery(db, scope).where("indicator_values.id", "=", id).executeTakeFirst();
}
