import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Db } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import type { Scope } from "../../core/scope.ts";
import { disputeEntity, disputeInput, enforcementEntity, enforcementInput } from "./entities.ts";
import * as repo from "./ip-work.repository.ts";
import { actionRow, disputeRow, stage } from "./ip-work.service.ts";

type Opts = { filename: string; maxBytes?: number };

function same<T extends object>(a: T, b: T): boolean {
  return (Object.keys(b) as (keyof T)[]).every((k) => a[k] === b[k]);
}

/**
 * Imports enforcement actions (all-or-nothing), idempotent on 地区 + 日期 + 行动名称 so a
 * retried upload updates rather than duplicates.
 */
export async function importActions(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: enforcementEntity,
    schema: enforcementInput,
    naturalKey: (v) => `${v.regionId}|${v.heldOn}|${v.name}`,
    resolve: regions.resolve,
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const row = actionRow(v, regions.byId.get(v.regionId)?.path ?? "");
      const old = await trx
        .selectFrom("ip_enforcement_actions")
        .selectAll()
        .where("region_id", "=", v.regionId)
        .where("held_on", "=", v.heldOn)
        .where("name", "=", v.name)
        .executeTakeFirst();
      if (!old) {
        const [a] = await repo.insertActions(trx, [row]);
        if (!a) throw new AppError("INTERNAL");
        counts.created += 1;
        audits.push({
          action: "create",
          entity: enforcementEntity.name,
          recordId: a.id,
          regionPath: a.region_path,
          after: a,
        });
      } else if (same(old, row)) counts.unchanged += 1;
      else {
        const a = await repo.updateAction(trx, scope, old.id, old.version, row);
        if (!a)
          return explainMissedWrite(
            trx,
            scope,
            "ip_enforcement_actions",
            old.id,
            enforcementEntity.label,
          );
        counts.updated += 1;
        audits.push({
          action: "update",
          entity: enforcementEntity.name,
          recordId: a.id,
          regionPath: a.region_path,
          before: old,
          after: a,
        });
      }
    }
    await writeAuditMany(trx, scope, audits);
    await writeAudit(trx, scope, {
      action: "import",
      entity: enforcementEntity.name,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}

/** Imports disputes (all-or-nothing), idempotent on 地区 + 案件编号; a case never moves back. */
export async function importDisputes(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: disputeEntity,
    schema: disputeInput,
    naturalKey: (v) => `${v.regionId}|${v.caseNo}`,
    resolve: regions.resolve,
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const row = disputeRow(v, regions.byId.get(v.regionId)?.path ?? "");
      const old = await trx
        .selectFrom("ip_disputes")
        .selectAll()
        .where("region_id", "=", v.regionId)
        .where("case_no", "=", v.caseNo)
        .executeTakeFirst();
      if (!old) {
        const [d] = await repo.insertDisputes(trx, [row]);
        if (!d) throw new AppError("INTERNAL");
        counts.created += 1;
        audits.push({
          action: "create",
          entity: disputeEntity.name,
          recordId: d.id,
          regionPath: d.region_path,
          after: d,
        });
      } else if (same(old, row)) counts.unchanged += 1;
      else {
        if (stage(row.status) < stage(old.status))
          throw new AppError("IMPORT_INVALID", {
            total,
            rows: [
              {
                row: 0,
                column: "办理状态",
                message: `案件“${v.caseNo}”已${old.status}，办理状态不能退回“${row.status}”`,
              },
            ],
          });
        const d = await repo.updateDispute(trx, scope, old.id, old.version, row);
        if (!d) return explainMissedWrite(trx, scope, "ip_disputes", old.id, disputeEntity.label);
        counts.updated += 1;
        audits.push({
          action: "update",
          entity: disputeEntity.name,
          recordId: d.id,
          regionPath: d.region_path,
          before: old,
          after: d,
        });
      }
    }
    await writeAuditMany(trx, scope, audits);
    await writeAudit(trx, scope, {
      action: "import",
      entity: disputeEntity.name,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}
