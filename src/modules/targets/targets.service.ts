import { writeAudit, writeAuditMany } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, Target } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { type TargetInput, targetEntity, targetInput, targetUpdate } from "./entities.ts";
import * as repo from "./targets.repository.ts";

const ENTITY = "target";
const LABEL = targetEntity.label;

/**
 * Targets are not ledgers: a city bureau assigning targets to its counties (市下达) is the
 * normal workflow, so any editor or admin may write targets anywhere in their subtree —
 * but a target set from a higher level is the county's assignment, not its to change.
 */
export function assertTargetWriter(scope: Scope): void {
  if (scope.role === "viewer") {
    throw new AppError("FORBIDDEN", { reason: "领导账号为只读，不能修改目标任务" });
  }
}

function assertNotFromAbove(scope: Scope, t: Pick<Target, "assigned_level">): void {
  if (t.assigned_level < scope.homeLevel) {
    throw new AppError("FORBIDDEN", { reason: "该目标由上级下达，只能由下达单位修改" });
  }
}

async function activeIndicator(db: Conn, id: number) {
  const ind = await db
    .selectFrom("target_indicators")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!ind?.active) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "indicatorId", label: "指标", message: "指标不存在或已停用" }],
    });
  }
  return ind;
}

function toRow(input: TargetInput, regionPath: string, scope: Scope) {
  return {
    region_id: input.regionId,
    region_path: regionPath,
    year: input.year,
    indicator_id: input.indicatorId,
    value: input.value,
    set_by: input.setBy,
    note: input.note ?? null,
    assigned_level: scope.homeLevel,
  };
}

export async function createTarget(db: Conn, scope: Scope, raw: unknown): Promise<Target> {
  assertTargetWriter(scope);
  const input = parseInput(targetInput, raw, targetEntity);
  const region = await regionForWrite(db, scope, input.regionId);
  await activeIndicator(db, input.indicatorId);
  const t = await repo.insertTarget(db, toRow(input, region.path, scope));
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: t.id,
    regionPath: t.region_path,
    after: t,
  });
  return t;
}

export async function updateTarget(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Target> {
  assertTargetWriter(scope);
  const { version, ...input } = parseInput(targetUpdate, raw, targetEntity);
  const before = await repo.getTarget(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "targets", id, LABEL);
  assertNotFromAbove(scope, before);
  const t = await repo.updateTarget(db, scope, id, version, {
    value: input.value,
    set_by: input.setBy,
    note: input.note ?? null,
  });
  if (!t) return explainMissedWrite(db, scope, "targets", id, LABEL);
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: t.region_path,
    before,
    after: t,
  });
  return t;
}

export async function deleteTarget(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  assertTargetWriter(scope);
  const before = await repo.getTarget(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "targets", id, LABEL);
  assertNotFromAbove(scope, before);
  const t = await repo.deleteTarget(db, scope, id, version);
  if (!t) return explainMissedWrite(db, scope, "targets", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: t.region_path,
    before: t,
  });
}

const keyOf = (v: { regionId: number; year: number; indicatorId: number }) =>
  `${v.regionId}|${v.year}|${v.indicatorId}`;

/**
 * Imports targets: every row validated first (regions inside scope, indicators by name or
 * code), then one transaction upserts on (region, year, indicator). Re-importing the same
 * file changes nothing; a row touching a target set from above fails the whole file.
 */
export async function importTargets(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  assertTargetWriter(scope);
  const regions = await regionCellResolver(db, scope, { maxLevel: 3 });
  const indicators = await repo.listIndicators(db, { activeOnly: true });
  const byName = new Map<string, number>();
  for (const i of indicators) {
    byName.set(i.name, i.id);
    byName.set(i.code, i.id);
  }
  const { values, total } = await readImport(input, opts, {
    def: targetEntity,
    schema: targetInput,
    naturalKey: keyOf,
    resolve: async (row) => {
      const issues = await regions.resolve(row);
      const id = byName.get(String(row.indicator ?? "").trim());
      if (id === undefined) issues.push({ key: "indicator", message: "不是已启用的指标" });
      else row.indicatorId = id;
      if (row.setBy === undefined) row.setBy = "自定";
      return issues;
    },
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    const audits = [];
    for (let i = 0; i < values.length; i += 500) {
      const batch = values.slice(i, i + 500);
      const existing = new Map(
        (await repo.findTargetsByKeys(trx, batch)).map((t) => [
          keyOf({ regionId: t.region_id, year: t.year, indicatorId: t.indicator_id }),
          t,
        ]),
      );
      for (const v of batch) {
        const row = toRow(v, regions.byId.get(v.regionId)?.path ?? "", scope);
        const old = existing.get(keyOf(v));
        if (!old) {
          const t = await repo.insertTarget(trx, row);
          counts.created += 1;
          audits.push({
            action: "create" as const,
            entity: ENTITY,
            recordId: t.id,
            regionPath: t.region_path,
            after: t,
          });
          continue;
        }
        if (Number(old.value) === row.value && old.set_by === row.set_by && old.note === row.note) {
          counts.unchanged += 1;
          continue;
        }
        assertNotFromAbove(scope, old);
        const patch = { value: row.value, set_by: row.set_by, note: row.note };
        const t = await repo.updateTarget(trx, scope, old.id, old.version, patch);
        if (!t) return explainMissedWrite(trx, scope, "targets", old.id, LABEL);
        counts.updated += 1;
        audits.push({
          action: "update" as const,
          entity: ENTITY,
          recordId: t.id,
          regionPath: t.region_path,
          before: old,
          after: t,
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
