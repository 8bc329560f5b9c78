import { writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, TechContract } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import * as repo from "./contracts.repository.ts";
import { type ContractInput, contractEntity, contractInput, contractUpdate } from "./entities.ts";

registerConstraintLabels({ tech_contracts_reg_no_key: "该登记编号的技术合同" });

const ENTITY = "contract";
const LABEL = contractEntity.label;

function toRow(input: ContractInput, regionPath: string): repo.ContractValues {
  return {
    region_id: input.regionId,
    region_path: regionPath,
    reg_no: input.regNo,
    name: input.name,
    type: input.type,
    seller_name: input.sellerName,
    seller_credit_code: input.sellerCreditCode || null,
    enterprise_id: null,
    buyer_name: input.buyerName,
    amount: input.amount,
    turnover: input.turnover,
    signed_on: input.signedOn ?? null,
    registered_on: input.registeredOn,
    notes: input.notes || null,
  };
}

export async function createContract(db: Conn, scope: Scope, raw: unknown): Promise<TechContract> {
  const input = parseInput(contractInput, raw, contractEntity);
  const region = await regionForWrite(db, scope, input.regionId);
  const [c] = await repo.insertContracts(db, [toRow(input, region.path)]);
  if (!c) throw new AppError("INTERNAL");
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: c.id,
    regionPath: c.region_path,
    after: c,
  });
  return c;
}

export async function updateContract(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<TechContract> {
  const { version, ...input } = parseInput(contractUpdate, raw, contractEntity);
  const before = await repo.getContract(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "tech_contracts", id, LABEL);
  const region = await regionForWrite(db, scope, input.regionId);
  const c = await repo.updateContract(db, scope, id, version, {
    ...toRow(input, region.path),
    enterprise_id: before.enterprise_id,
  });
  if (!c) return explainMissedWrite(db, scope, "tech_contracts", id, LABEL);
  const { region_name: _n, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: c.region_path,
    before: beforeRow,
    after: c,
  });
  return c;
}

export async function deleteContract(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const c = await repo.deleteContract(db, scope, id, version);
  if (!c) return explainMissedWrite(db, scope, "tech_contracts", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: c.region_path,
    before: c,
  });
}

const COMPARED = [
  "name",
  "type",
  "seller_name",
  "seller_credit_code",
  "buyer_name",
  "amount",
  "turnover",
  "signed_on",
  "registered_on",
  "region_id",
  "notes",
] as const;

/**
 * Imports a contract register (all-or-nothing), idempotent on 登记编号: an existing number
 * in the caller's scope is updated when it differs; one registered outside the scope is an
 * error for that row, never overwritten.
 */
export async function importContracts(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: contractEntity,
    schema: contractInput,
    naturalKey: (v) => v.regNo,
    resolve: regions.resolve,
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < values.length; i += 500) {
      const batch = values.slice(i, i + 500);
      const existing = new Map(
        (
          await repo.findByRegNos(
            trx,
            batch.map((v) => v.regNo),
          )
        ).map((c) => [c.reg_no, c]),
      );
      const outside = batch.filter((v) => {
        const old = existing.get(v.regNo);
        return old && !old.region_path.startsWith(scope.regionPath);
      });
      if (outside.length > 0)
        throw new AppError("IMPORT_INVALID", {
          total,
          rows: outside.map((v) => ({
            row: 0,
            column: "登记编号",
            message: `登记编号“${v.regNo}”已由其他地区登记`,
          })),
        });
      const toInsert: repo.ContractValues[] = [];
      const audits = [];
      for (const v of batch) {
        const row = toRow(v, regions.byId.get(v.regionId)?.path ?? "");
        const old = existing.get(v.regNo);
        if (!old) {
          toInsert.push(row);
          continue;
        }
        if (COMPARED.every((k) => old[k] === row[k])) {
          counts.unchanged += 1;
          continue;
        }
        const updated = await repo.updateContract(trx, scope, old.id, old.version, {
          ...row,
          enterprise_id: old.enterprise_id,
        });
        if (!updated) return explainMissedWrite(trx, scope, "tech_contracts", old.id, LABEL);
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
        const inserted = await repo.insertContracts(trx, toInsert);
        counts.created += inserted.length;
        for (const c of inserted)
          audits.push({
            action: "create" as const,
            entity: ENTITY,
            recordId: c.id,
            regionPath: c.region_path,
            after: c,
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
