import { sql } from "kysely";
import type { Conn, InvestmentProject } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type InvestmentRow = InvestmentProject & { region_name: string; arrived: number };
export type InvestmentValues = Omit<
  InvestmentProject,
  "id" | "version" | "created_at" | "updated_at"
>;

function baseQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("investment_projects")
    .innerJoin("regions", "regions.id", "investment_projects.region_id")
    .selectAll("investment_projects")
    .select([
      "regions.name as region_name",
      sql<number>`coalesce((select sum(a.amount) from investment_arrivals a
        where a.investment_id = investment_projects.id), 0)`.as("arrived"),
    ]);
  return whereInScope(qb, scope, "investment_projects.region_path");
}

export function listInvestments(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<InvestmentRow>> {
  return runList(baseQuery(db, scope), query, "investment_projects.id");
}

export function getInvestment(db: Conn, scope: Scope, id: number) {
  return baseQuery(db, scope).where("investment_projects.id", "=", id).executeTakeFirst();
}

export function findByKey(db: Conn, regionId: number, name: string, partner: string) {
  return db
    .selectFrom("investment_projects")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("name", "=", name)
    .where("partner_name", "=", partner)
    .executeTakeFirst();
}

export function insertInvestment(db: Conn, row: InvestmentValues) {
  return db.insertInto("investment_projects").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateInvestment(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  row: Partial<InvestmentValues>,
) {
  return db
    .updateTable("investment_projects")
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteInvestment(db: Conn, scope: Scope, id: number, version: number) {
  return db
    .deleteFrom("investment_projects")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function listArrivals(db: Conn, investmentId: number) {
  return db
    .selectFrom("investment_arrivals")
    .selectAll()
    .where("investment_id", "=", investmentId)
    .orderBy("arrived_on")
    .orderBy("id")
    .execute();
}
