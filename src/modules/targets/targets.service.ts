import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, Target } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import type { ImportCounts } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { type ImportTarget, importRows } from "../platforms/ledger/import.ts";
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
 * code), then one transaction upserts on (region, year, indicator) on the ledger engine's
 * import. Re-importing the same file changes nothing; a row changing a target set from
 * above fails the whole file (403 as on screen), and an update keeps who assigned it.
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
  const existing = new Map<string, Target>();
  const target: ImportTarget<TargetInput> = {
    table: "targets",
    entity: targetEntity,
    schema: targetInput,
    cells: async () => async (row) => {
      const issues = await regions.resolve(row);
      const id = byName.get(String(row.indicator ?? "").trim());
      if (id === undefined) issues.push({ key: "indicator", message: "不是已启用的指标" });
      else row.indicatorId = id;
      if (row.setBy === undefined) row.setBy = "自定";
      return issues;
    },
    fileKey: keyOf,
    row: async (_db, s, v) => toRow(v, regions.byId.get(v.regionId)?.path ?? "", s),
    prefetch: async (trx, inputs) => {
      for (let i = 0; i < inputs.length; i += 500) {
        for (const t of await repo.findTargetsByKeys(trx, inputs.slice(i, i + 500))) {
          existing.set(
            keyOf({ regionId: t.region_id, year: t.year, indicatorId: t.indicator_id }),
            t,
          );
        }
      }
    },
    find: async (_db, r) =>
      existing.get(
        keyOf({
          regionId: Number(r.region_id),
          year: Number(r.year),
          indicatorId: Number(r.indicator_id),
        }),
      ),
    keep: ["assigned_level"],
    unchanged: (old, row) =>
      Number(old.value) === row.value && old.set_by === row.set_by && old.note === row.note,
    refuseUpdate: (old) => {
      assertNotFromAbove(scope, { assigned_level: Number(old.assigned_level) });
      return null;
    },
  };
  return importRows(db, target, scope, input, opts);
}
