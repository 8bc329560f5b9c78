import type { Insertable } from "kysely";
import { sql } from "kysely";
import type { Conn, User, UserTable } from "../../core/db/schema.ts";
import { type ListPage, type ListQuery, runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type UserRow = User & { region_name: string; unit_name: string | null };

function baseQuery(db: Conn, scope: Scope) {
  const qb = db
    .selectFrom("users")
    .innerJoin("regions", "regions.id", "users.region_id")
    .leftJoin("units", "units.id", "users.unit_id")
    .selectAll("users")
    .select(["regions.name as region_name", "units.name as unit_name"]);
  return whereInScope(qb, scope, "users.region_path");
}

export function listUsers(db: Conn, scope: Scope, query: ListQuery): Promise<ListPage<UserRow>> {
  return runList(baseQuery(db, scope), query, "users.id");
}

export async function* iterateUsers(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): AsyncGenerator<UserRow> {
  for (let page = 1; ; page++) {
    const r = await runList(baseQuery(db, scope), { ...query, page, pageSize: 1000 }, "users.id");
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

export function getUser(db: Conn, scope: Scope, id: number): Promise<UserRow | undefined> {
  return baseQuery(db, scope).where("users.id", "=", id).executeTakeFirst();
}

export function insertUser(db: Conn, row: Insertable<UserTable>): Promise<User> {
  return db.insertInto("users").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: Partial<Insertable<UserTable>>,
): Promise<User | undefined> {
  return db
    .updateTable("users")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteUser(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<User | undefined> {
  return db
    .deleteFrom("users")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}
