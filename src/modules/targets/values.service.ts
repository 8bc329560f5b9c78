import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Db, IndicatorValue } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import type { ImportCounts } from "../../core/entity/import.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { parseIsoDate } from "../../core/metrics/period.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { type ImportTarget, importRows } from "../platforms/ledger/import.ts";
import {
  type IndicatorValueInput,
  indicatorValueEntity,
  indicatorValueInput,
  indicatorValueUpdate,
} from "./entities.ts";
import * as repo from "./targets.repository.ts";

/*
 * Hand-entered figures (研发投入, 高新技术产业总产值 …) follow the rule of targets, not of
 * ledgers: the statistics come from the statistics bureau, and the city bureau often enters
 * them for its counties. So any editor or admin writes figures anywhere in their subtree
 * (a city user for every county below it and for the city itself), and a figure entered
 * from a higher level belongs to that level: the county sees it but cannot overwrite or
 * delete it. Whoever writes a figure last owns it (entered_level = their home level).
 */

const ENTITY = "indicatorValue";
const LABEL = indicatorValueEntity.label;

const invalid = (field: string, label: string, message: string) =>
  new AppError("VALIDATION", { fields: [{ field, label, message }] });

export function assertValueWriter(scope: Scope): void {
  if (scope.role === "viewer") {
    throw new AppError("FORBIDDEN", { reason: "领导账号为只读，不能录入统计数" });
  }
}

/** Whether the caller may change an existing figure (not entered from above). */
export function canEditValue(scope: Scope, v: Pick<IndicatorValue, "entered_level">): boolean {
  return scope.role !== "viewer" && v.entered_level >= scope.homeLevel;
}

function assertNotFromAbove(scope: Scope, v: Pick<IndicatorValue, "entered_level">): void {
  if (v.entered_level < scope.homeLevel) {
    throw new AppError("FORBIDDEN", { reason: "该统计数由上级录入，只能由录入单位修改" });
  }
}

/** Whether the region's figures of that indicator and year were entered from a higher level. */
function enteredAbove(
  values: Pick<IndicatorValue, "indicator_id" | "region_id" | "year" | "entered_level">[],
  scope: Scope,
  key: { indicatorId: number; regionId: number; year: number },
): boolean {
  return values.some(
    (v) =>
      v.indicator_id === key.indicatorId &&
      v.region_id === key.regionId &&
      v.year === key.year &&
      v.entered_level < scope.homeLevel,
  );
}

const FROM_ABOVE = "该地区本年度的统计数由上级录入，只能由录入单位填报";

/**
 * A county may not add a newer figure under one the city entered for it either: the latest
 * entry counts, so a new date would quietly replace the city's figure.
 */
async function assertNoFigureFromAbove(
  db: Conn,
  scope: Scope,
  key: { indicatorId: number; regionId: number; year: number },
): Promise<void> {
  const rows = await db
    .selectFrom("indicator_values")
    .select(["indicator_id", "region_id", "year", "entered_level"])
    .where("indicator_id", "=", key.indicatorId)
    .where("region_id", "=", key.regionId)
    .where("year", "=", key.year)
    .execute();
  if (enteredAbove(rows, scope, key)) throw new AppError("FORBIDDEN", { reason: FROM_ABOVE });
}

async function manualIndicator(db: Conn, id: number) {
  const ind = await repo.getIndicator(db, id);
  if (ind?.kind !== "manual") {
    throw invalid("indicatorId", "指标", "只有手工录入的指标才能录入数值");
  }
  if (!ind.active) throw invalid("indicatorId", "指标", "该指标已停用");
  return ind;
}

function checkDate(asOf: string): number {
  const p = parseIsoDate(asOf);
  if (!p) throw invalid("asOf", "统计截止日期", "日期无效");
  return p.y;
}

export async function createValue(db: Conn, scope: Scope, raw: unknown): Promise<IndicatorValue> {
  assertValueWriter(scope);
  const input = parseInput(indicatorValueInput, raw, indicatorValueEntity);
  const year = checkDate(input.asOf);
  const region = await regionForWrite(db, scope, input.regionId);
  await manualIndicator(db, input.indicatorId);
  await assertNoFigureFromAbove(db, scope, {
    indicatorId: input.indicatorId,
    regionId: region.id,
    year,
  });
  const v = await repo.insertValue(db, {
    indicator_id: input.indicatorId,
    region_id: region.id,
    region_path: region.path,
    year,
    as_of: input.asOf,
    value: input.value,
    note: input.note ?? null,
    entered_level: scope.homeLevel,
  });
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: v.id,
    regionPath: v.region_path,
    after: v,
  });
  return v;
}

export async function updateValue(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<IndicatorValue> {
  assertValueWriter(scope);
  const { version, ...input } = parseInput(indicatorValueUpdate, raw, indicatorValueEntity);
  const year = checkDate(input.asOf);
  const before = await repo.getValue(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "indicator_values", id, LABEL);
  assertNotFromAbove(scope, before);
  const region = await regionForWrite(db, scope, input.regionId);
  await manualIndicator(db, input.indicatorId);
  if (region.id !== before.region_id || input.indicatorId !== before.indicator_id) {
    await assertNoFigureFromAbove(db, scope, {
      indicatorId: input.indicatorId,
      regionId: region.id,
      year,
    });
  }
  const v = await repo.updateValue(db, scope, id, version, {
    indicator_id: input.indicatorId,
    region_id: region.id,
    region_path: region.path,
    year,
    as_of: input.asOf,
    value: input.value,
    note: input.note ?? null,
    entered_level: scope.homeLevel,
  });
  if (!v) return explainMissedWrite(db, scope, "indicator_values", id, LABEL);
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: v.region_path,
    before,
    after: v,
  });
  return v;
}

export async function deleteValue(db: Conn, scope: Scope, id: number, version: number) {
  assertValueWriter(scope);
  const before = await repo.getValue(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "indicator_values", id, LABEL);
  assertNotFromAbove(scope, before);
  const v = await db
    .deleteFrom("indicator_values")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
  if (!v) return explainMissedWrite(db, scope, "indicator_values", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: v.region_path,
    before: v,
  });
}

const keyOf = (v: { indicatorId: number; regionId: number; asOf: string }) =>
  `${v.indicatorId}|${v.regionId}|${v.asOf}`;

/**
 * Imports hand-entered figures (地区, 指标, 截至日期, 数值, 备注): every row is checked first
 * (region in scope, an active manual indicator by name or code, the date inside `year`
 * when given, a figure entered from above left alone), then one transaction upserts on
 * (indicator, region, date). Re-importing the same file changes nothing.
 */
export async function importValues(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number; year?: number },
): Promise<ImportCounts> {
  assertValueWriter(scope);
  const regions = await regionCellResolver(db, scope);
  const byName = new Map<string, number>();
  for (const i of await repo.listIndicators(db, { activeOnly: true })) {
    if (i.kind !== "manual") continue;
    byName.set(i.name, i.id);
    byName.set(i.code, i.id);
  }
  const inScope = await repo.valuesInScope(db, scope);
  const existing = new Map(
    inScope.map((v) => [
      keyOf({ indicatorId: v.indicator_id, regionId: v.region_id, asOf: v.as_of }),
      v,
    ]),
  );
  const target: ImportTarget<IndicatorValueInput> = {
    table: "indicator_values",
    entity: indicatorValueEntity,
    schema: indicatorValueInput,
    cells: async () => async (row) => {
      const issues = await regions.resolve(row);
      const id = byName.get(String(row.indicator ?? "").trim());
      if (id === undefined) issues.push({ key: "indicator", message: "不是已启用的手工录入指标" });
      else row.indicatorId = id;
      const asOf = typeof row.asOf === "string" ? row.asOf : "";
      if (opts.year !== undefined && asOf && !asOf.startsWith(`${opts.year}-`)) {
        issues.push({ key: "asOf", message: `不在${opts.year}年度内` });
      }
      if (issues.length === 0 && typeof row.regionId === "number") {
        const old = existing.get(keyOf({ indicatorId: id ?? 0, regionId: row.regionId, asOf }));
        if (old && old.entered_level < scope.homeLevel) {
          issues.push({ key: "value", message: "该统计数由上级录入，不能覆盖" });
        } else if (
          id !== undefined &&
          enteredAbove(inScope, scope, {
            indicatorId: id,
            regionId: row.regionId,
            year: Number(asOf.slice(0, 4)),
          })
        ) {
          issues.push({ key: "value", message: FROM_ABOVE });
        }
      }
      return issues;
    },
    fileKey: keyOf,
    row: async (_db, s, v) => {
      const region = regions.byId.get(v.regionId);
      if (!region) throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
      return {
        indicator_id: v.indicatorId,
        region_id: region.id,
        region_path: region.path,
        year: Number(v.asOf.slice(0, 4)),
        as_of: v.asOf,
        value: v.value,
        note: v.note ?? null,
        entered_level: s.homeLevel,
      };
    },
    find: async (_db, r) =>
      existing.get(
        keyOf({
          indicatorId: Number(r.indicator_id),
          regionId: Number(r.region_id),
          asOf: String(r.as_of),
        }),
      ),
    // Taking over a figure entered below with the same number is no change.
    unchanged: (old, row) => Number(old.value) === row.value && (old.note ?? null) === row.note,
  };
  return importRows(db, target, scope, input, opts);
}
