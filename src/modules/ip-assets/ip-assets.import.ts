import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import type { Scope } from "../../core/scope.ts";
import { normaliseCreditCode } from "../enterprises/credit-code.ts";
import { findByCreditCodes, findByNormNames } from "../enterprises/enterprises.repository.ts";
import { normaliseEnterpriseName } from "../enterprises/name-normalise.ts";
import { designationEntity, designationInput, pledgeEntity, pledgeInput } from "./entities.ts";
import * as repo from "./ip-assets.repository.ts";
import { designationRow, pledgeRow } from "./ip-assets.service.ts";

type Opts = { filename: string; maxBytes?: number };
type Issue = { key: string; message: string };

function same<T extends object>(a: T, b: T): boolean {
  return (Object.keys(b) as (keyof T)[]).every((k) => {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) return x.join("|") === y.join("|");
    return x === y || (typeof x === "number" && Number(y) === x);
  });
}

/**
 * The enterprise column of an import (名称 or 统一社会信用代码) resolved against the registry
 * in scope, replacing `enterpriseName` by `enterpriseId`.
 */
function enterpriseCell(db: Conn, scope: Scope, required: boolean) {
  const cache = new Map<string, Issue | number>();
  const lookup = async (given: string): Promise<Issue | number> => {
    const code = normaliseCreditCode(given);
    const hits = /^[0-9A-Z]{18}$/.test(code)
      ? await findByCreditCodes(db, scope, [code])
      : await findByNormNames(db, scope, [normaliseEnterpriseName(given)]);
    const [one, ...more] = hits;
    if (one && more.length === 0) return one.id;
    return {
      key: "enterpriseName",
      message: one
        ? `“${given}”有重名企业，请填写统一社会信用代码`
        : `企业“${given}”不在企业名录中，或不在您的数据范围内`,
    };
  };
  return async (row: Record<string, unknown>): Promise<Issue[]> => {
    const given = String(row.enterpriseName ?? "").trim();
    delete row.enterpriseName;
    if (!given) return required ? [{ key: "enterpriseName", message: "必填" }] : [];
    let hit = cache.get(given);
    if (hit === undefined) {
      hit = await lookup(given);
      cache.set(given, hit);
    }
    if (typeof hit !== "number") return [hit];
    row.enterpriseId = hit;
    return [];
  };
}

/**
 * Imports pledges (all-or-nothing), idempotent on 出质企业 + 质权人 + 登记日期. The subsidy
 * link is not in the file, so an update keeps the one set on screen.
 */
export async function importPledges(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  const { values, total } = await readImport(input, opts, {
    def: pledgeEntity,
    schema: pledgeInput,
    naturalKey: (v) => `${v.enterpriseId}|${v.bank}|${v.registeredOn}`,
    resolve: enterpriseCell(db, scope, true),
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const fresh = await pledgeRow(trx, scope, v);
      const old = await repo.findPledge(trx, fresh);
      const row = { ...fresh, payment_id: old?.payment_id ?? null };
      if (!old) {
        const p = await repo.insertPledge(trx, row);
        counts.created += 1;
        audits.push({
          action: "create",
          entity: pledgeEntity.name,
          recordId: p.id,
          regionPath: p.region_path,
          after: p,
        });
      } else if (same(old, row)) counts.unchanged += 1;
      else {
        const p = await repo.updatePledge(trx, scope, old.id, old.version, row);
        if (!p) return explainMissedWrite(trx, scope, "ip_pledges", old.id, pledgeEntity.label);
        counts.updated += 1;
        audits.push({
          action: "update",
          entity: pledgeEntity.name,
          recordId: p.id,
          regionPath: p.region_path,
          before: old,
          after: p,
        });
      }
    }
    await writeAuditMany(trx, scope, audits);
    await writeAudit(trx, scope, {
      action: "import",
      entity: pledgeEntity.name,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}

/** Imports designations (all-or-nothing), idempotent on 类别 + 企业（或地区）+ 年度. */
export async function importDesignations(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const enterprise = enterpriseCell(db, scope, false);
  const { values, total } = await readImport(input, opts, {
    def: designationEntity,
    schema: designationInput,
    naturalKey: (v) =>
      `${v.kind}|${v.year ?? v.recognisedOn.slice(0, 4)}|${v.enterpriseId ? `e${v.enterpriseId}` : `r${v.regionId}`}`,
    resolve: async (row) => [...(await enterprise(row)), ...(await regions.resolve(row))],
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const row = await designationRow(trx, scope, v);
      const old = await repo.findDesignation(trx, row);
      if (!old) {
        const d = await repo.insertDesignation(trx, row);
        counts.created += 1;
        audits.push({
          action: "create",
          entity: designationEntity.name,
          recordId: d.id,
          regionPath: d.region_path,
          after: d,
        });
      } else if (same(old, row)) counts.unchanged += 1;
      else {
        const d = await repo.updateDesignation(trx, scope, old.id, old.version, row);
        if (!d)
          return explainMissedWrite(trx, scope, "ip_designations", old.id, designationEntity.label);
        counts.updated += 1;
        audits.push({
          action: "update",
          entity: designationEntity.name,
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
      entity: designationEntity.name,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}
