import { sql } from "kysely";
import type { Conn, FundPayment } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type PaymentRow = FundPayment & { region_name: string; project_name: string | null };
export type PaymentValues = Omit<FundPayment, "id" | "version" | "created_at" | "updated_at">;

function baseQuery(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("fund_payments")
    .innerJoin("regions", "regions.id", "fund_payments.region_id")
    .leftJoin("projects", "projects.id", "fund_payments.project_id")
    .selectAll("fund_payments")
    .select(["regions.name as region_name", "projects.name as project_name"]);
  return whereInScope(qb, scope, "fund_payments.region_path");
}

export function listPayments(
  db: Conn,
  scope: Scope,
  query: ListQuery,
  projectId?: number,
): Promise<ListPage<PaymentRow>> {
  let qb = baseQuery(db, scope);
  if (projectId) qb = qb.where("fund_payments.project_id", "=", projectId);
  return runList(qb, query, "fund_payments.id");
}

/** Totals of the rows a list shows (same scope and filters), by kind. */
export async function paymentTotals(db: Conn, scope: Scope, projectId?: number) {
  let qb = db
    .selectFrom("fund_payments")
    .select(["kind", sql<number>`sum(amount)`.as("amount"), sql<number>`count(*)::int`.as("n")])
    .groupBy("kind");
  if (projectId) qb = qb.where("project_id", "=", projectId);
  const rows = await whereInScope(qb, scope, "fund_payments.region_path").execute();
  return rows.map((r) => ({ kind: r.kind, amount: Number(r.amount), n: Number(r.n) }));
}

export function getPayment(db: Conn, scope: Scope, id: number): Promise<PaymentRow | undefined> {
  return baseQuery(db, scope).where("fund_payments.id", "=", id).executeTakeFirst();
}

export function insertPayment(db: Conn, row: PaymentValues): Promise<FundPayment> {
  return db.insertInto("fund_payments").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The payment row, locked for the rest of the transaction (edits). */
export function lockPayment(db: Conn, scope: Scope, id: number): Promise<FundPayment | undefined> {
  return db
    .selectFrom("fund_payments")
    .selectAll()
    .where("id", "=", id)
    .where("region_path", "like", `${scope.regionPath}%`)
    .forUpdate()
    .executeTakeFirst();
}

export function updatePayment(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  row: PaymentValues,
): Promise<FundPayment | undefined> {
  return db
    .updateTable("fund_payments")
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deletePayment(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<FundPayment | undefined> {
  return db
    .deleteFrom("fund_payments")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

/** Net paid on a project (recoveries are negative). Call after locking the project row. */
export async function paidOnProject(db: Conn, projectId: number): Promise<number> {
  const r = await db
    .selectFrom("fund_payments")
    .select(sql<number>`coalesce(sum(amount), 0)`.as("s"))
    .where("project_id", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(r.s);
}
