import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, FundPayment, Project } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { findEnterprise } from "../enterprises/enterprises.repository.ts";
import { ACTIVE_STATUSES, RECOVERY_STATUSES } from "../projects/lifecycle.ts";
import { fiscalTotal, lockProject } from "../projects/projects.repository.ts";
import { wan } from "../projects/projects.service.ts";
import { type PaymentInput, paymentEntity, paymentInput, paymentUpdate } from "./entities.ts";
import * as repo from "./funds.repository.ts";

const ENTITY = "fundPayment";
const LABEL = paymentEntity.label;
/** States in which money may still go out on a project (approved, not stopped). */
const PAYABLE = [...ACTIVE_STATUSES, "通过验收", "整改后通过", "不通过", "结题"];

const cents = (v: number) => Math.round(v * 100);

/**
 * Records money out (or a 追回). A payment on a project locks the project row first
 * (SELECT … FOR UPDATE), so two concurrent payments are checked one after the other and
 * the net paid never exceeds the approved fiscal total.
 */
export async function createPayment(db: Conn, scope: Scope, raw: unknown): Promise<FundPayment> {
  const input = parseInput(paymentInput, raw, paymentEntity);
  const row = await repo.insertPayment(db, await preparePayment(db, scope, input));
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

/**
 * Why a payment of `amount` (positive) of `kind` may not be booked on project `p` that has
 * `paid` net so far; null when it may. Shared by the form and the Excel import.
 */
export function projectPaymentProblem(
  p: Pick<Project, "status" | "fund_national" | "fund_provincial" | "fund_city" | "fund_county">,
  paid: number,
  kind: string,
  amount: number,
): string | null {
  if (kind === "追回") {
    if (!RECOVERY_STATUSES.includes(p.status as never))
      return `项目状态为“${p.status}”，只有终止或撤销的项目才能登记追回`;
    if (cents(amount) > cents(paid))
      return `追回金额${wan(amount)}万元超过该项目已拨付的${wan(paid)}万元`;
    return null;
  }
  if (!PAYABLE.includes(p.status)) return `项目状态为“${p.status}”，不能拨付经费`;
  const total = fiscalTotal(p);
  if (cents(paid) + cents(amount) > cents(total))
    return `该项目批准财政经费${wan(total)}万元，已拨付${wan(paid)}万元，本次拨付${wan(amount)}万元将超出批准金额`;
  return null;
}

/**
 * Checks a payment against its project (status, ceiling, recoveries) and returns the row
 * to store. `replacing` is the stored payment an edit replaces: its amount no longer counts.
 * Call inside the writing transaction; the project row is locked here.
 */
export async function preparePayment(
  db: Conn,
  scope: Scope,
  input: PaymentInput,
  replacing?: FundPayment,
): Promise<repo.PaymentValues> {
  let regionId = input.regionId ?? 0;
  let payee = input.payeeName ?? "";
  let enterpriseId = input.enterpriseId ?? null;
  const signed = input.kind === "追回" ? -input.amount : input.amount;
  if (input.projectId) {
    const p = await lockProject(db, scope, input.projectId);
    if (!p) throw new AppError("NOT_FOUND", { entity: "所选项目" });
    regionId = p.region_id;
    if (!payee) payee = p.undertaker_name;
    enterpriseId ??= p.enterprise_id;
    const paid =
      (await repo.paidOnProject(db, p.id)) -
      (replacing?.project_id === p.id ? Number(replacing.amount) : 0);
    const problem = projectPaymentProblem(p, paid, input.kind, input.amount);
    if (problem) throw new AppError("BAD_STATE", { message: problem });
  }
  const region = await regionForWrite(db, scope, regionId);
  if (enterpriseId) {
    const e = await findEnterprise(db, scope, enterpriseId);
    if (!e) throw new AppError("OUT_OF_SCOPE", { what: "所选收款企业" });
    if (!payee) payee = e.name;
  }
  if (!payee)
    throw new AppError("VALIDATION", {
      fields: [{ field: "payeeName", label: "收款单位", message: "必填" }],
    });
  return {
    region_id: region.id,
    region_path: region.path,
    kind: input.kind,
    paid_on: input.paidOn,
    amount: signed,
    source: input.source,
    enterprise_id: enterpriseId,
    payee_name: payee,
    voucher_no: input.voucherNo || null,
    project_id: input.projectId ?? null,
    notes: input.notes || null,
  };
}

/** Edits a payment: version-checked, and the project ceiling re-checked without its old amount. */
export async function updatePayment(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<FundPayment> {
  const { version, ...input } = parseInput(paymentUpdate, raw, paymentEntity);
  const before = await repo.lockPayment(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "fund_payments", id, LABEL);
  if (before.version !== version) throw new AppError("VERSION_CONFLICT", { entity: LABEL });
  // The old project's row is locked too, so a concurrent payment on it waits for this edit.
  if (before.project_id) await lockProject(db, scope, before.project_id);
  const values = await preparePayment(db, scope, input, before);
  const row = await repo.updatePayment(db, scope, id, version, values);
  if (!row) return explainMissedWrite(db, scope, "fund_payments", id, LABEL);
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: row.region_path,
    before,
    after: row,
  });
  return row;
}

export async function deletePayment(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const row = await repo.deletePayment(db, scope, id, version);
  if (!row) return explainMissedWrite(db, scope, "fund_payments", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: row.region_path,
    before: row,
  });
}
