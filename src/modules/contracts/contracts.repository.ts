import { sql } from "kysely";
import type { Conn, TechContract } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type ContractRow = TechContract & { region_name: string };
export type ContractValues = Omit<TechContract, "id" | "version" | "created_at" | "updated_at">;

function baseQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("tech_contracts")
    .innerJoin("regions", "regions.id", "tech_contracts.region_id")
    .selectAll("tech_contracts")
    .select("regions.name as region_name");
  return whereInScope(qb, scope, "tech_contracts.region_path");
}

export function listContracts(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<ContractRow>> {
  return runList(baseQuery(db, scope), query, "tech_contracts.id");
}

export async function* iterateContracts(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): AsyncGenerator<ContractRow> {
  for (let page = 1; ; page++) {
    const r = await runList(
      baseQuery(db, scope),
      { ...query, page, pageSize: 1000 },
      "tech_contracts.id",
    );
    yield* r.items;
    if (r.items.length < 1000) return;
  }
}

export function getContract(db: Conn, scope: Scope, id: number): Promise<ContractRow | undefined> {
  return baseQuery(db, scope).where("tech_contracts.id", "=", id).executeTakeFirst();
}

export function insertContracts(db: Conn, rows: ContractValues[]): Promise<TechContract[]> {
  return db.insertInto("tech_contracts").values(rows).returningAll().execute();
}

export function updateContract(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: ContractValues,
): Promise<TechContract | undefined> {
  return db
    .updateTable("tech_contracts")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteContract(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<TechContract | undefined> {
  return db
    .deleteFrom("tech_contracts")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

/** Existing contracts by registration number, whatever their region (the number is unique). */
export function findByRegNos(db: Conn, regNos: string[]): Promise<TechContract[]> {
  if (regNos.length === 0) return Promise.resolve([]);
  return db.selectFrom("tech_contracts").selectAll().where("reg_no", "in", regNos).execute();
}
