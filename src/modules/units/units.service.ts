import { writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, Unit } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { type UnitInput, unitEntity, unitInput, unitUpdate } from "./entities.ts";
import * as repo from "./units.repository.ts";

const ENTITY = "unit";
const LABEL = unitEntity.label;

function toRow(input: UnitInput, regionPath: string) {
  return {
    name: input.name,
    short_name: input.shortName ?? null,
    kind: input.kind,
    region_id: input.regionId,
    region_path: regionPath,
    contact: input.contact ?? null,
    phone: input.phone ?? null,
    sort: input.sort,
    active: input.active,
  };
}

export async function createUnit(db: Conn, scope: Scope, raw: unknown): Promise<Unit> {
  const input = parseInput(unitInput, raw, unitEntity);
  const region = await regionForWrite(db, scope, input.regionId);
  const unit = await repo.insertUnit(db, toRow(input, region.path));
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: unit.id,
    regionPath: unit.region_path,
    after: unit,
  });
  return unit;
}

export async function updateUnit(db: Conn, scope: Scope, id: number, raw: unknown): Promise<Unit> {
  const { version, ...input } = parseInput(unitUpdate, raw, unitEntity);
  const before = await repo.getUnit(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "units", id, LABEL);
  const region = await regionForWrite(db, scope, input.regionId);
  const unit = await repo.updateUnit(db, scope, id, version, toRow(input, region.path));
  if (!unit) return explainMissedWrite(db, scope, "units", id, LABEL);
  const { region_name: _n, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: unit.region_path,
    before: beforeRow,
    after: unit,
  });
  return unit;
}

export async function deleteUnit(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const unit = await repo.deleteUnit(db, scope, id, version);
  if (!unit) return explainMissedWrite(db, scope, "units", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: unit.region_path,
    before: unit,
  });
}

const COMPARED = ["short_name", "kind", "contact", "phone", "sort", "active"] as const;

/**
 * Imports a unit list: every row is validated first (regions resolved by name or code
 * inside the caller's scope); then one transaction upserts on (region, name). Re-importing
 * the same list changes nothing.
 */
export async function importUnits(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const regions = await regionCellResolver(db, scope);
  const { values, total } = await readImport(input, opts, {
    def: unitEntity,
    schema: unitInput,
    naturalKey: (v) => `${v.regionId}\u0000${v.name}`,
    resolve: regions.resolve,
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    for (let i = 0; i < values.length; i += 500) {
      const batch = values.slice(i, i + 500);
      const existing = await repo.findUnitsByKeys(trx, batch);
      const byKey = new Map(existing.map((u) => [`${u.region_id}\u0000${u.name}`, u]));
      const toInsert = [];
      const audits = [];
      for (const v of batch) {
        const row = toRow(v, regions.byId.get(v.regionId)?.path ?? "");
        const old = byKey.get(`${v.regionId}\u0000${v.name}`);
        if (!old) {
          toInsert.push(row);
          continue;
        }
        if (COMPARED.every((k) => old[k] === row[k])) {
          counts.unchanged += 1;
          continue;
        }
        const updated = await repo.updateUnit(trx, scope, old.id, old.version, row);
        if (!updated) return explainMissedWrite(trx, scope, "units", old.id, LABEL);
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
        const inserted = await trx.insertInto("units").values(toInsert).returningAll().execute();
        counts.created += inserted.length;
        for (const u of inserted)
          audits.push({
            action: "create" as const,
            entity: ENTITY,
            recordId: u.id,
            regionPath: u.region_path,
            after: u,
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
