import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, FundPayment } from "../../core/db/schema.ts";
import { defineEntity } from "../../core/entity/define.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import type { Scope } from "../../core/scope.ts";
import { enterpriseByCell, projectByCell } from "../projects/lookup.ts";
import { paymentEntity, paymentInput } from "./entities.ts";
import * as repo from "./funds.repository.ts";
import { preparePayment, projectPaymentProblem } from "./funds.service.ts";

const f = paymentEntity.fields;

/** Import columns: the payment form with the project named (立项编号/任务书编号/名称). */
export const paymentImportEntity = defineEntity({
  name: "fundPaymentImport",
  label: "资金拨付记录",
  table: "fund_payments",
  defaultSort: "id",
  fields: {
    paidOn: f.paidOn,
    kind: f.kind,
    amount: f.amount,
    source: f.source,
    payeeName: { ...f.payeeName, required: false },
    voucherNo: { ...f.voucherNo, required: true },
    project: {
      label: "项目",
      type: "text",
      excel: ["项目", "项目立项编号", "立项编号"],
      help: "立项编号、任务书编号或项目名称",
    },
    regionId: f.regionId,
    notes: f.notes,
  },
});

const keyOf = (voucherNo: string | null | undefined, paidOn: string) =>
  `${voucherNo ?? ""}\u0000${paidOn}`;

function findByVoucher(db: Conn, scope: Scope, voucherNo: string, paidOn: string) {
  return db
    .selectFrom("fund_payments")
    .selectAll()
    .where("voucher_no", "=", voucherNo)
    .where("paid_on", "=", paidOn)
    .where("region_path", "like", `${scope.regionPath}%`)
    .executeTakeFirst();
}

const COMPARED = [
  "kind",
  "amount",
  "source",
  "payee_name",
  "enterprise_id",
  "project_id",
  "region_id",
  "notes",
] as const;

/**
 * Imports payments all-or-nothing and idempotently on 凭证号 + 拨付日期. Each row is checked
 * against its project with the rows above it counted, so an overpayment, a payment on a
 * project not yet approved or an unknown project is a row error and nothing is written.
 */
export async function importPayments(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const paidSoFar = new Map<number, number>();
  const { values, total } = await readImport(input, opts, {
    def: paymentImportEntity,
    schema: paymentInput,
    naturalKey: (v) => keyOf(v.voucherNo, v.paidOn),
    resolve: async (row) => {
      const issues = await regions.resolve(row);
      const ref = typeof row.project === "string" ? row.project : null;
      delete row.project;
      if (typeof row.payeeName === "string") {
        const e = await enterpriseByCell(db, scope, row.payeeName);
        if (e && e !== "ambiguous") row.enterpriseId = e.id;
      }
      if (!ref) return issues;
      const p = await projectByCell(db, scope, ref);
      if (p === null || p === undefined) {
        issues.push({ key: "project", message: `没有找到项目“${ref}”（或不在您的数据范围内）` });
        return issues;
      }
      if (p === "ambiguous") {
        issues.push({ key: "project", message: `“${ref}”对应多个项目，请填写立项编号` });
        return issues;
      }
      row.projectId = p.id;
      const amount = typeof row.amount === "number" ? row.amount : null;
      const kind = typeof row.kind === "string" ? row.kind : null;
      const paidOn = typeof row.paidOn === "string" ? row.paidOn : null;
      if (amount === null || amount <= 0 || !kind || !paidOn) return issues;
      let paid = paidSoFar.get(p.id) ?? (await repo.paidOnProject(db, p.id));
      const voucher = typeof row.voucherNo === "string" ? row.voucherNo : null;
      const old = voucher ? await findByVoucher(db, scope, voucher, paidOn) : undefined;
      if (old?.project_id === p.id) paid -= Number(old.amount);
      const problem = projectPaymentProblem(p, paid, kind, amount);
      if (problem) issues.push({ key: "amount", message: problem });
      else paidSoFar.set(p.id, paid + (kind === "追回" ? -amount : amount));
      return issues;
    },
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const old = v.voucherNo ? await findByVoucher(trx, scope, v.voucherNo, v.paidOn) : undefined;
      const row = await preparePayment(trx, scope, v, old);
      if (!old) {
        const p = await repo.insertPayment(trx, row);
        counts.created += 1;
        audits.push(audit("create", p));
        continue;
      }
      if (COMPARED.every((k) => String(old[k]) === String(row[k]))) {
        counts.unchanged += 1;
        continue;
      }
      const p = await repo.updatePayment(trx, scope, old.id, old.version, row);
      if (!p) throw new AppError("VERSION_CONFLICT", { entity: paymentEntity.label });
      counts.updated += 1;
      audits.push({ ...audit("update", p), before: old });
    }
    await writeAuditMany(trx, scope, audits);
    await writeAudit(trx, scope, {
      action: "import",
      entity: "fundPayment",
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}

function audit(action: "create" | "update", p: FundPayment): AuditInput {
  return { action, entity: "fundPayment", recordId: p.id, regionPath: p.region_path, after: p };
}
