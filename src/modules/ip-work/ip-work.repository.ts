import { sql } from "kysely";
import type { Conn, IpDispute, IpEnforcementAction } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type EnforcementRow = IpEnforcementAction & { region_name: string };
export type EnforcementValues = Omit<
  IpEnforcementAction,
  "id" | "version" | "created_at" | "updated_at"
>;
export type DisputeRow = IpDispute & { region_name: string };
export type DisputeValues = Omit<IpDispute, "id" | "version" | "created_at" | "updated_at">;

function actions(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("ip_enforcement_actions")
    .innerJoin("regions", "regions.id", "ip_enforcement_actions.region_id")
    .selectAll("ip_enforcement_actions")
    .select("regions.name as region_name");
  return whereInScope(qb, scope, "ip_enforcement_actions.region_path");
}

function disputes(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("ip_disputes")
    .innerJoin("regions", "regions.id", "ip_disputes.region_id")
    .selectAll("ip_disputes")
    .select("regions.name as region_name");
  return whereInScope(qb, scope, "ip_disputes.region_path");
}

export function listActions(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<EnforcementRow>> {
  return runList(actions(db, scope), query, "ip_enforcement_actions.id");
}

export function getAction(db: Conn, scope: Scope, id: number): Promise<EnforcementRow | undefined> {
  return actions(db, scope).where("ip_enforcement_actions.id", "=", id).executeTakeFirst();
}

export function insertActions(db: Conn, rows: EnforcementValues[]): Promise<IpEnforcementAction[]> {
  return db.insertInto("ip_enforcement_actions").values(rows).returningAll().execute();
}

export function updateAction(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: EnforcementValues,
): Promise<IpEnforcementAction | undefined> {
  return db
    .updateTable("ip_enforcement_actions")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteAction(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<IpEnforcementAction | undefined> {
  return db
    .deleteFrom("ip_enforcement_actions")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function listDisputes(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<DisputeRow>> {
  return runList(disputes(db, scope), query, "ip_disputes.id");
}

export function getDispute(db: Conn, scope: Scope, id: number): Promise<DisputeRow | undefined> {
  return disputes(db, scope).where("ip_disputes.id", "=", id).executeTakeFirst();
}

export function insertDisputes(db: Conn, rows: DisputeValues[]): Promise<IpDispute[]> {
  return db.insertInto("ip_disputes").values(rows).returningAll().execute();
}

export function updateDispute(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: DisputeValues,
): Promise<IpDispute | undefined> {
  return db
    .updateTable("ip_disputes")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteDispute(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<IpDispute | undefined> {
  return db
    .deleteFrom("ip_disputes")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

/** Every row of a list query, a thousand at a time (for exports). */
export async function* iterate<T>(
  list: (query: ListQuery) => Promise<ListPage<T>>,
  query: ListQuery,
): AsyncGenerator<T> {
  for (let page = 1; ; page++) {
    const r = await list({ ...query, page, pageSize: 1000 });
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}
