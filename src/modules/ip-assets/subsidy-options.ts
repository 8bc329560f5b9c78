import type { ExpressionBuilder } from "kysely";
import type { Conn, Database, Enterprise } from "../../core/db/schema.ts";
import type { FieldRemoteOption } from "../../core/entity/define.ts";
import { pathInScope, type Scope } from "../../core/scope.ts";
import { findEnterprise } from "../enterprises/enterprises.repository.ts";

/** The fund-ledger kind a pledge's interest subsidy must be. */
export const SUBSIDY_KIND = "贷款贴息";

export interface SubsidyFacts {
  paidOn: string;
  amount: number;
  voucherNo: string | null;
  projectName: string | null;
}

/** "2023-12-01 拨付贴息 3.20万元（凭证号 记-0123；项目 某某项目）": list, form and export. */
export function subsidyLabel(p: SubsidyFacts): string {
  const extra = [
    p.voucherNo ? `凭证号 ${p.voucherNo}` : null,
    p.projectName ? `项目 ${p.projectName}` : null,
  ].filter((x) => x !== null);
  const tail = extra.length > 0 ? `（${extra.join("；")}）` : "";
  return `${p.paidOn} 拨付贴息 ${(Number(p.amount) / 10000).toFixed(2)}万元${tail}`;
}

/**
 * Paid to this enterprise: by its id, or — for a payment entered with a payee name only —
 * by that name, so older ledger rows are not hidden from the picker.
 */
function paidTo(e: Pick<Enterprise, "id" | "name">) {
  return (eb: ExpressionBuilder<Database, "fund_payments">) =>
    eb.or([
      eb("fund_payments.enterprise_id", "=", e.id),
      eb.and([
        eb("fund_payments.enterprise_id", "is", null),
        eb("fund_payments.payee_name", "=", e.name),
      ]),
    ]);
}

/** A picker option; one already linked to a pledge is shown but cannot be picked. */
export interface SubsidyOption extends FieldRemoteOption {
  disabled?: boolean;
}

/**
 * The pledge each payment is already linked to, other than `exceptPledgeId` (the pledge being
 * edited): "<质权人> <登记日期>", or a neutral phrase when that pledge is outside the
 * caller's scope, so the picker never tells a neighbour county's bank or dates.
 */
export async function pledgeLinks(
  db: Conn,
  scope: Scope,
  paymentIds: readonly number[],
  exceptPledgeId?: number,
): Promise<Map<number, string>> {
  const links = new Map<number, string>();
  if (paymentIds.length === 0) return links;
  let qb = db
    .selectFrom("ip_pledges")
    .select(["payment_id", "bank", "registered_on", "region_path"])
    .where("payment_id", "in", [...paymentIds]);
  if (exceptPledgeId !== undefined) qb = qb.where("id", "<>", exceptPledgeId);
  const rows = await qb.orderBy("registered_on").orderBy("id").execute();
  for (const r of rows) {
    if (r.payment_id === null || links.has(r.payment_id)) continue;
    const text = pathInScope(scope, r.region_path)
      ? `${r.bank} ${r.registered_on}`
      : "其他地区的质押融资";
    links.set(r.payment_id, text);
  }
  return links;
}

/** The enterprise's 贷款贴息 payments in scope, newest first, as picker options. */
export async function subsidyOptions(
  db: Conn,
  scope: Scope,
  enterpriseId: number,
): Promise<SubsidyOption[]> {
  const e = await findEnterprise(db, scope, enterpriseId);
  if (!e) return [];
  const rows = await db
    .selectFrom("fund_payments")
    .leftJoin("projects", "projects.id", "fund_payments.project_id")
    .select([
      "fund_payments.id",
      "fund_payments.paid_on",
      "fund_payments.amount",
      "fund_payments.voucher_no",
      "projects.name as project_name",
    ])
    .where("fund_payments.kind", "=", SUBSIDY_KIND)
    .where("fund_payments.region_path", "like", `${scope.regionPath}%`)
    .where(paidTo(e))
    .orderBy("fund_payments.paid_on", "desc")
    .orderBy("fund_payments.id", "desc")
    .limit(200)
    .execute();
  const links = await pledgeLinks(
    db,
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const label = subsidyLabel({
      paidOn: r.paid_on,
      amount: r.amount,
      voucherNo: r.voucher_no,
      projectName: r.project_name,
    });
    const link = links.get(r.id);
    return link === undefined
      ? { value: r.id, label }
      : { value: r.id, label: `${label}（已关联：${link}）`, disabled: true };
  });
}

/** Why this payment cannot be the enterprise's subsidy, or null when it can. */
export async function subsidyProblem(
  db: Conn,
  scope: Scope,
  paymentId: number,
  e: Pick<Enterprise, "id" | "name">,
): Promise<string | null> {
  const p = await db
    .selectFrom("fund_payments")
    .select("kind")
    .select((eb) => paidTo(e)(eb).as("same_enterprise"))
    .where("id", "=", paymentId)
    .where("region_path", "like", `${scope.regionPath}%`)
    // Held to the end of the caller's transaction: two pledges saved at the same moment
    // cannot both see the payment free and both take it.
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!p) return "拨付记录不存在，或不在您的数据范围内";
  if (p.kind !== SUBSIDY_KIND) return `应为“${SUBSIDY_KIND}”拨付记录（该记录为“${p.kind}”）`;
  if (!p.same_enterprise) return "该贴息拨付给了其他企业";
  return null;
}
