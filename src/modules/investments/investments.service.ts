import { type AuditInput, writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, InvestmentProject } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { pathInScope, regionForWrite, type Scope } from "../../core/scope.ts";
import { findEnterprise } from "../enterprises/enterprises.repository.ts";
import { enterpriseByCell } from "../projects/lookup.ts";
import {
  arrivalInput,
  arrivalLabels,
  type InvestmentInput,
  investmentEntity,
  investmentInput,
  investmentUpdate,
} from "./entities.ts";
import * as repo from "./investments.repository.ts";

registerConstraintLabels({ investment_projects_key: "同一地区同名、同合作方的招商引资与合作项目" });

const ENTITY = "investment";
const LABEL = investmentEntity.label;

async function toRow(db: Conn, scope: Scope, v: InvestmentInput): Promise<repo.InvestmentValues> {
  const region = await regionForWrite(db, scope, v.regionId);
  let enterpriseId = v.enterpriseId ?? null;
  let ourParty = v.ourParty || null;
  if (enterpriseId) {
    const e = await findEnterprise(db, scope, enterpriseId);
    if (!e) throw new AppError("OUT_OF_SCOPE", { what: "所选我方企业" });
    ourParty = e.name;
  } else if (ourParty) {
    const hit = await enterpriseByCell(db, scope, ourParty);
    if (hit && hit !== "ambiguous") enterpriseId = hit.id;
  }
  return {
    region_id: region.id,
    region_path: region.path,
    name: v.name,
    kind: v.kind,
    partner_name: v.partnerName,
    partner_origin: v.partnerOrigin || null,
    enterprise_id: enterpriseId,
    our_party: ourParty,
    signed_on: v.signedOn ?? null,
    contract_amount: v.contractAmount,
    status: v.status,
    staff: v.staff || null,
    notes: v.notes || null,
  };
}

export async function createInvestment(db: Conn, scope: Scope, raw: unknown) {
  const input = parseInput(investmentInput, raw, investmentEntity);
  const row = await repo.insertInvestment(db, await toRow(db, scope, input));
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

export async function updateInvestment(db: Conn, scope: Scope, id: number, raw: unknown) {
  const { version, ...input } = parseInput(investmentUpdate, raw, investmentEntity);
  const before = await repo.getInvestment(db, scope, id);
  if (!before) throw new AppError("NOT_FOUND", { entity: LABEL });
  const row = await repo.updateInvestment(db, scope, id, version, await toRow(db, scope, input));
  if (!row) return explainMissedWrite(db, scope, "investment_projects", id, LABEL);
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

export async function deleteInvestment(db: Conn, scope: Scope, id: number, version: number) {
  const row = await repo.deleteInvestment(db, scope, id, version);
  if (!row) return explainMissedWrite(db, scope, "investment_projects", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: row.region_path,
    before: row,
  });
}

/** Books an arrival of funds (到位); bumps the project's version so stale edits are caught. */
export async function addArrival(db: Conn, scope: Scope, id: number, raw: unknown) {
  const input = parseInput(arrivalInput, raw, arrivalLabels);
  const p = await repo.getInvestment(db, scope, id);
  if (!p) throw new AppError("NOT_FOUND", { entity: LABEL });
  if (p.status === "洽谈")
    throw new AppError("BAD_STATE", { message: "项目尚在洽谈，签约后才能登记到位资金" });
  const touched = await repo.updateInvestment(db, scope, id, p.version, {});
  if (!touched) return explainMissedWrite(db, scope, "investment_projects", id, LABEL);
  const row = await db
    .insertInto("investment_arrivals")
    .values({
      investment_id: id,
      region_path: p.region_path,
      arrived_on: input.arrivedOn,
      amount: input.amount,
      note: input.note || null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "investmentArrival",
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

export async function deleteArrival(db: Conn, scope: Scope, id: number, arrivalId: number) {
  const row = await db
    .deleteFrom("investment_arrivals")
    .where("id", "=", arrivalId)
    .where("investment_id", "=", id)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", { entity: arrivalLabels.label });
  await writeAudit(db, scope, {
    action: "delete",
    entity: "investmentArrival",
    recordId: arrivalId,
    regionPath: row.region_path,
    before: row,
  });
}

const COMPARED = [
  "kind",
  "partner_origin",
  "enterprise_id",
  "our_party",
  "signed_on",
  "contract_amount",
  "status",
  "staff",
  "notes",
] as const;

const same = (old: InvestmentProject, row: repo.InvestmentValues) =>
  COMPARED.every((k) => String(old[k]) === String(row[k]));

/** All-or-nothing, idempotent on region + name + partner. */
export async function importInvestments(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: investmentEntity,
    schema: investmentInput,
    naturalKey: (v) => `${v.regionId}\u0000${v.name}\u0000${v.partnerName}`,
    resolve: regions.resolve,
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits: AuditInput[] = [];
    for (const v of values) {
      const row = await toRow(trx, scope, v);
      const old = await repo.findByKey(trx, v.regionId, v.name, v.partnerName);
      if (old && !pathInScope(scope, old.region_path)) throw new AppError("OUT_OF_SCOPE", {});
      if (!old) {
        const p = await repo.insertInvestment(trx, row);
        counts.created += 1;
        audits.push({
          action: "create",
          entity: ENTITY,
          recordId: p.id,
          regionPath: p.region_path,
          after: p,
        });
      } else if (same(old, row)) counts.unchanged += 1;
      else {
        const p = await repo.updateInvestment(trx, scope, old.id, old.version, row);
        if (!p) throw new AppError("VERSION_CONFLICT", { entity: LABEL });
        counts.updated += 1;
        audits.push({
          action: "update",
          entity: ENTITY,
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
      entity: ENTITY,
      regionPath: scope.regionPath,
      after: { filename: opts.filename, ...counts },
    });
    return counts;
  });
}
