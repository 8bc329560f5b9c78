import { sql } from "kysely";
import type { Conn, IpDesignation, IpPledge } from "../../core/db/schema.ts";
import type { ListPage, ListQuery } from "../../core/entity/list.ts";
import { runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";

export type PledgeRow = IpPledge & {
  region_name: string;
  enterprise_name: string;
  payment_paid_on: string | null;
  payment_amount: number | null;
  payment_voucher_no: string | null;
  payment_project_name: string | null;
};
export type PledgeValues = Omit<IpPledge, "id" | "version" | "created_at" | "updated_at">;
export type DesignationRow = IpDesignation & {
  region_name: string;
  enterprise_name: string | null;
};
export type DesignationValues = Omit<IpDesignation, "id" | "version" | "created_at" | "updated_at">;

function pledges(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("ip_pledges")
    .innerJoin("regions", "regions.id", "ip_pledges.region_id")
    .innerJoin("enterprises", "enterprises.id", "ip_pledges.enterprise_id")
    .leftJoin("fund_payments", "fund_payments.id", "ip_pledges.payment_id")
    .leftJoin("projects", "projects.id", "fund_payments.project_id")
    .selectAll("ip_pledges")
    .select([
      "regions.name as region_name",
      "enterprises.name as enterprise_name",
      "fund_payments.paid_on as payment_paid_on",
      "fund_payments.amount as payment_amount",
      "fund_payments.voucher_no as payment_voucher_no",
      "projects.name as payment_project_name",
    ]);
  return whereInScope(qb, scope, "ip_pledges.region_path");
}

function designations(db: Conn, scope: Pick<Scope, "regionPath">) {
  const qb = db
    .selectFrom("ip_designations")
    .innerJoin("regions", "regions.id", "ip_designations.region_id")
    .leftJoin("enterprises", "enterprises.id", "ip_designations.enterprise_id")
    .selectAll("ip_designations")
    .select(["regions.name as region_name", "enterprises.name as enterprise_name"]);
  return whereInScope(qb, scope, "ip_designations.region_path");
}

export function listPledges(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<PledgeRow>> {
  return runList(pledges(db, scope), query, "ip_pledges.id");
}

export function getPledge(db: Conn, scope: Scope, id: number): Promise<PledgeRow | undefined> {
  return pledges(db, scope).where("ip_pledges.id", "=", id).executeTakeFirst();
}

/** The pledge an import row names: enterprise + bank + registration date. */
export function findPledge(
  db: Conn,
  v: Pick<PledgeValues, "enterprise_id" | "bank" | "registered_on">,
) {
  return db
    .selectFrom("ip_pledges")
    .selectAll()
    .where("enterprise_id", "=", v.enterprise_id)
    .where("bank", "=", v.bank)
    .where("registered_on", "=", v.registered_on)
    .executeTakeFirst();
}

export function insertPledge(db: Conn, row: PledgeValues): Promise<IpPledge> {
  return db.insertInto("ip_pledges").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updatePledge(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: PledgeValues,
): Promise<IpPledge | undefined> {
  return db
    .updateTable("ip_pledges")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deletePledge(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<IpPledge | undefined> {
  return db
    .deleteFrom("ip_pledges")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function listDesignations(
  db: Conn,
  scope: Scope,
  query: ListQuery,
): Promise<ListPage<DesignationRow>> {
  return runList(designations(db, scope), query, "ip_designations.id");
}

export function getDesignation(
  db: Conn,
  scope: Scope,
  id: number,
): Promise<DesignationRow | undefined> {
  return designations(db, scope).where("ip_designations.id", "=", id).executeTakeFirst();
}

/** The designation an import row names: kind + year + enterprise (or region when none). */
export function findDesignation(
  db: Conn,
  v: Pick<DesignationValues, "kind" | "year" | "enterprise_id" | "region_id">,
) {
  const qb = db
    .selectFrom("ip_designations")
    .selectAll()
    .where("kind", "=", v.kind)
    .where("year", "=", v.year);
  return (
    v.enterprise_id === null
      ? qb.where("enterprise_id", "is", null).where("region_id", "=", v.region_id)
      : qb.where("enterprise_id", "=", v.enterprise_id)
  ).executeTakeFirst();
}

export function insertDesignation(db: Conn, row: DesignationValues): Promise<IpDesignation> {
  return db.insertInto("ip_designations").values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateDesignation(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
  patch: DesignationValues,
): Promise<IpDesignation | undefined> {
  return db
    .updateTable("ip_designations")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}

export function deleteDesignation(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<IpDesignation | undefined> {
  return db
    .deleteFrom("ip_designations")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
}
