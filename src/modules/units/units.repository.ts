import { sql } from "kysely";
import type { Conn, NewUnit, Unit, UnitUpdate } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type UnitRow = Unit & { region_name: string };

function baseQuery(db: Conn, scope: Scope) {
  const qb = db
    .selectFrom("units")
    .innerJoin("regions", "regions.id", "units.region_id")
    .selectAll("units")
    .select("regions.name as region_name");
  return whereInScope(qb, scope, "units.region_path");
}

export function listUnits(db: Conn, scope: Scope, query: ListQuery): Promise<ListPage<UnitRow>> {
  return runList(baseQuery(db, scope), query, "units.id");
}

/** Every unit in scope matching the filters, in pages — for exports. */
export async function* iterateUnits(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): AsyncGenerator<UnitRow> {
  for (let page = 1; ; page++) {
    const r = await runList(baseQuery(db, scope), { ...query, page, pageSize: 1000 }, "units.id");
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

export function getUnit(db: Conn, scope: Scope, id: number): Promise<UnitRow | undefined> {
  return baseQuery(db, scope).where("units.id", "=", id).executeTakeFirst();
}

export function insertUnit(db: Conn, row: NewUnit): Promise<Unit> {
  return db.insertInto("units").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateUnit(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: UnitUpdate,
): Promise<Unit | undefined> {
  return db
    .updateTable("units")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteUnit(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<Unit | undefined> {
  return db
    .deleteFrom("units")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Units with these (region_id, name) natural keys, driven from the key list through the
 * unique index. Callers pass region ids already resolved inside their scope. (A region_path
 * LIKE here made the planner scan the whole subtree per batch while statistics were stale
 * mid-import: 40x slower than COPY at 100k rows; see BENCHMARKS.md.)
 */
export async function findUnitsByKeys(
  db: Conn,
  keys: { regionId: number; name: string }[],
): Promise<Unit[]> {
  if (keys.length === 0) return [];
  const r = await sql<Unit>`select u.* from units u
    join unnest(${keys.map((k) => k.regionId)}::int[], ${keys.map((k) => k.name)}::text[])
      as k(region_id, name) on u.region_id = k.region_id and u.name = k.name`.execute(db);
  return r.rows;
}
