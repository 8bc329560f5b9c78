import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, IndicatorValue, TargetIndicator } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { parseIsoDate } from "../../core/metrics/period.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import {
  type IndicatorInput,
  indicatorEntity,
  indicatorInput,
  indicatorUpdate,
  indicatorValueEntity,
  indicatorValueInput,
  indicatorValueUpdate,
} from "./entities.ts";
import { rememberIndicator, unitFactor } from "./targets.metrics.ts";
import * as repo from "./targets.repository.ts";

const invalid = (field: string, label: string, message: string) =>
  new AppError("VALIDATION", { fields: [{ field, label, message }] });

/** A metric indicator must name a registered metric whose unit converts to the indicator's. */
function checkDefinition(registry: MetricRegistry, input: IndicatorInput): string | null {
  if (input.kind === "manual") return null;
  const id = input.metricId ?? "";
  if (!id || !registry.hasMetric(id) || id.startsWith("indicator.") || id.startsWith("targets.")) {
    throw invalid("metricId", "统计指标", "请填写系统中已有的统计指标代码");
  }
  const def = registry.getMetric(id);
  if (unitFactor(def.unit, input.unit) === null) {
    throw invalid("unit", "计量单位", `统计指标的单位为“${def.unit}”，不能换算为“${input.unit}”`);
  }
  return id;
}

function toRow(input: IndicatorInput, metricId: string | null) {
  return {
    code: input.code,
    name: input.name,
    unit: input.unit,
    kind: input.kind,
    metric_id: metricId,
    description: input.description ?? null,
    sort: input.sort,
    active: input.active,
  };
}

export async function createIndicator(
  db: Conn,
  scope: Scope,
  registry: MetricRegistry,
  raw: unknown,
): Promise<TargetIndicator> {
  const input = parseInput(indicatorInput, raw, indicatorEntity);
  const ind = await db
    .insertInto("target_indicators")
    .values(toRow(input, checkDefinition(registry, input)))
    .returningAll()
    .executeTakeFirstOrThrow();
  rememberIndicator(ind);
  await writeAudit(db, scope, {
    action: "create",
    entity: "targetIndicator",
    recordId: ind.id,
    after: ind,
  });
  return ind;
}

export async function updateIndicator(
  db: Conn,
  scope: Scope,
  registry: MetricRegistry,
  id: number,
  raw: unknown,
): Promise<TargetIndicator> {
  const { version, ...input } = parseInput(indicatorUpdate, raw, indicatorEntity);
  const before = await repo.getIndicator(db, id);
  if (!before) throw new AppError("NOT_FOUND", { entity: indicatorEntity.label });
  // The code names the indicator's metrics in stored reports; the definition gives them meaning.
  if (input.code !== before.code) throw invalid("code", "指标代码", "指标代码创建后不能修改");
  if (
    before.builtin &&
    (input.kind !== before.kind || (input.metricId ?? null) !== before.metric_id)
  ) {
    throw invalid("kind", "取数方式", "内置指标的取数方式不能修改");
  }
  const ind = await db
    .updateTable("target_indicators")
    .set({
      ...toRow(input, checkDefinition(registry, input)),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst();
  if (!ind) throw new AppError("VERSION_CONFLICT", { entity: indicatorEntity.label });
  rememberIndicator(ind);
  await writeAudit(db, scope, {
    action: "update",
    entity: "targetIndicator",
    recordId: id,
    before,
    after: ind,
  });
  return ind;
}

export async function deleteIndicator(db: Conn, scope: Scope, id: number, version: number) {
  const before = await repo.getIndicator(db, id);
  if (!before) throw new AppError("NOT_FOUND", { entity: indicatorEntity.label });
  if (before.builtin) throw new AppError("BAD_STATE", { message: "内置指标不能删除，可停用" });
  const gone = await db
    .deleteFrom("target_indicators")
    .where("id", "=", id)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst();
  if (!gone) throw new AppError("VERSION_CONFLICT", { entity: indicatorEntity.label });
  await writeAudit(db, scope, {
    action: "delete",
    entity: "targetIndicator",
    recordId: id,
    before,
  });
}

const VALUE = "indicatorValue";
const VALUE_LABEL = indicatorValueEntity.label;

async function manualIndicator(db: Conn, id: number): Promise<TargetIndicator> {
  const ind = await repo.getIndicator(db, id);
  if (ind?.kind !== "manual") {
    throw invalid("indicatorId", "指标", "只有手工录入的指标才能录入数值");
  }
  return ind;
}

function checkDate(asOf: string): number {
  const p = parseIsoDate(asOf);
  if (!p) throw invalid("asOf", "统计截止日期", "日期无效");
  return p.y;
}

export async function createValue(db: Conn, scope: Scope, raw: unknown): Promise<IndicatorValue> {
  const input = parseInput(indicatorValueInput, raw, indicatorValueEntity);
  const year = checkDate(input.asOf);
  const region = await regionForWrite(db, scope, input.regionId);
  await manualIndicator(db, input.indicatorId);
  const v = await db
    .insertInto("indicator_values")
    .values({
      indicator_id: input.indicatorId,
      region_id: region.id,
      region_path: region.path,
      year,
      as_of: input.asOf,
      value: input.value,
      note: input.note ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: VALUE,
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
  const { version, ...input } = parseInput(indicatorValueUpdate, raw, indicatorValueEntity);
  const year = checkDate(input.asOf);
  const before = await repo.getValue(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "indicator_values", id, VALUE_LABEL);
  const region = await regionForWrite(db, scope, input.regionId);
  await manualIndicator(db, input.indicatorId);
  const v = await db
    .updateTable("indicator_values")
    .set({
      indicator_id: input.indicatorId,
      region_id: region.id,
      region_path: region.path,
      year,
      as_of: input.asOf,
      value: input.value,
      note: input.note ?? null,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
  if (!v) return explainMissedWrite(db, scope, "indicator_values", id, VALUE_LABEL);
  await writeAudit(db, scope, {
    action: "update",
    entity: VALUE,
    recordId: id,
    regionPath: v.region_path,
    before,
    after: v,
  });
  return v;
}

export async function deleteValue(db: Conn, scope: Scope, id: number, version: number) {
  const v = await db
    .deleteFrom("indicator_values")
    .where("id", "=", id)
    .where("version", "=", version)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
  if (!v) return explainMissedWrite(db, scope, "indicator_values", id, VALUE_LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: VALUE,
    recordId: id,
    regionPath: v.region_path,
    before: v,
  });
}
