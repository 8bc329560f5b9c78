import { writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, Enterprise, Region } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import * as repo from "./enterprises.repository.ts";
import {
  type EnterpriseInput,
  enterpriseEntity,
  enterpriseInput,
  enterpriseUpdate,
} from "./entities.ts";
import { normaliseEnterpriseName } from "./name-normalise.ts";
import { followEnterpriseRegion } from "./region-cascade.ts";

registerConstraintLabels({
  enterprises_credit_code_key: "该统一社会信用代码",
  enterprise_qualifications_year_key: "该企业同一年度的同类资质",
  enterprise_applications_key: "该企业同一年度同一批次的申报记录",
  enterprise_yearly_key: "该企业该年度的年度数据",
  region_year_figures_key: "该地区该年度的数据",
});

const ENTITY = "enterprise";
const LABEL = enterpriseEntity.label;

export function toEnterpriseRow(input: EnterpriseInput, region: Region): repo.EnterpriseValues {
  return {
    name: input.name,
    name_norm: normaliseEnterpriseName(input.name),
    credit_code: input.creditCode,
    region_id: region.id,
    region_path: region.path,
    legal_rep: input.legalRep ?? null,
    contact: input.contact ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    industry: input.industry ?? null,
    founded_on: input.foundedOn ?? null,
    tags: input.tags ?? null,
  };
}

/** Enterprises sit in a town/street (level 4) or directly in the county (level 3). */
export async function enterpriseRegion(db: Conn, scope: Scope, regionId: number): Promise<Region> {
  const region = await regionForWrite(db, scope, regionId);
  if (region.level !== 3 && region.level !== 4) {
    throw new AppError("VALIDATION", {
      fields: [
        {
          field: "regionId",
          label: enterpriseEntity.fields.regionId.label,
          message: "应选择乡镇（街道）或本县（区）",
        },
      ],
    });
  }
  return region;
}

export async function createEnterprise(db: Conn, scope: Scope, raw: unknown): Promise<Enterprise> {
  const input = parseInput(enterpriseInput, raw, enterpriseEntity);
  const region = await enterpriseRegion(db, scope, input.regionId);
  const row = await repo.insertEnterprise(db, toEnterpriseRow(input, region));
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

export async function updateEnterprise(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Enterprise> {
  const { version, ...input } = parseInput(enterpriseUpdate, raw, enterpriseEntity);
  const before = await repo.findEnterprise(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "enterprises", id, LABEL);
  const region = await enterpriseRegion(db, scope, input.regionId);
  const row = await repo.updateEnterprise(db, scope, id, version, toEnterpriseRow(input, region));
  if (!row) return explainMissedWrite(db, scope, "enterprises", id, LABEL);
  await followEnterpriseRegion(db, before, row);
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

export async function deleteEnterprise(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const row = await repo.deleteEnterprise(db, scope, id, version);
  if (!row) return explainMissedWrite(db, scope, "enterprises", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: row.region_path,
    before: row,
  });
}

const COMPARED = [
  "name",
  "region_id",
  "legal_rep",
  "contact",
  "phone",
  "address",
  "industry",
  "founded_on",
  "tags",
] as const;

/** Import rows name a town (or the county itself) inside the caller's scope. */
export function regionResolver(db: Conn, scope: Scope) {
  return regionCellResolver(db, scope, { minLevel: 3, maxLevel: 4, noun: "乡镇（街道）" });
}

/**
 * Imports an enterprise list: all rows validated first (credit codes checked), then one
 * transaction upserts on 统一社会信用代码. Re-importing the same list changes nothing.
 */
export async function importEnterprises(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const regions = await regionResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: enterpriseEntity,
    schema: enterpriseInput,
    naturalKey: (v) => v.creditCode,
    resolve: regions.resolve,
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < values.length; i += 500) {
      const batch = values.slice(i, i + 500);
      const existing = await repo.findByCreditCodes(
        trx,
        scope,
        batch.map((v) => v.creditCode),
      );
      const byCode = new Map(existing.map((e) => [e.credit_code, e]));
      const toInsert: repo.EnterpriseValues[] = [];
      const audits = [];
      for (const v of batch) {
        const region = regions.byId.get(v.regionId);
        if (!region) throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
        const row = toEnterpriseRow(v, region);
        const old = byCode.get(v.creditCode);
        if (!old) {
          toInsert.push(row);
          continue;
        }
        if (COMPARED.every((k) => old[k] === row[k])) {
          counts.unchanged += 1;
          continue;
        }
        const updated = await repo.updateEnterprise(trx, scope, old.id, old.version, row);
        if (!updated) return explainMissedWrite(trx, scope, "enterprises", old.id, LABEL);
        await followEnterpriseRegion(trx, old, updated);
        counts.updated += 1;
        audits.push({
          action: "update" as const,
          entity: ENTITY,
          recordId: old.id,
          regionPath: updated.region_path,
          before: old,
          after: updated,
        });
      }
      if (toInsert.length > 0) {
        const inserted = await trx
          .insertInto("enterprises")
          .values(toInsert)
          .returningAll()
          .execute();
        counts.created += inserted.length;
        for (const e of inserted)
          audits.push({
            action: "create" as const,
            entity: ENTITY,
            recordId: e.id,
            regionPath: e.region_path,
            after: e,
          });
      }
      await writeAuditMany(trx, scope, audits);
    }
    await writeAudit(trx, scope, {
      action: "import",
      entity: ENTITY,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}
