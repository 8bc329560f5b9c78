import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, TargetIndicator } from "../../core/db/schema.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { MetricDef } from "../../core/metrics/metric.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import type { Scope } from "../../core/scope.ts";
import {
  type IndicatorInput,
  indicatorEntity,
  indicatorInput,
  indicatorUpdate,
} from "./entities.ts";
import { rememberIndicator, unitFactor } from "./targets.metrics.ts";
import * as repo from "./targets.repository.ts";

const invalid = (field: string, label: string, message: string) =>
  new AppError("VALIDATION", { fields: [{ field, label, message }] });

/** Registry metrics an indicator may be defined by: not the targets module's own figures. */
export function indicatorMetrics(registry: MetricRegistry): MetricDef[] {
  return registry
    .listMetrics()
    .filter((m) => !m.id.startsWith("indicator.") && !m.id.startsWith("targets."));
}

/** A metric indicator must name a registered metric whose unit converts to the indicator's. */
function checkDefinition(registry: MetricRegistry, input: IndicatorInput): string | null {
  if (input.kind === "manual") return null;
  const id = input.metricId ?? "";
  if (!id || !registry.hasMetric(id) || id.startsWith("indicator.") || id.startsWith("targets.")) {
    throw invalid("metricId", "统计指标", "请选择系统中已有的统计指标");
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
    // A ledger metric aggregates itself; the attribute is for hand-entered figures only.
    aggregation: input.kind === "manual" ? input.aggregation : "sum",
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
  if (before.builtin) {
    if (input.kind !== before.kind || (input.metricId ?? null) !== before.metric_id) {
      throw invalid("kind", "取数方式", "内置指标的取数方式和统计指标不能修改");
    }
    // Targets and reports of past years are stated in the built-in unit and aggregation.
    if (input.unit !== before.unit) throw invalid("unit", "计量单位", "内置指标的计量单位不能修改");
    if (input.kind === "manual" && input.aggregation !== before.aggregation) {
      throw invalid("aggregation", "汇总方式", "内置指标的汇总方式不能修改");
    }
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
  const use = await repo.indicatorUsage(db, id);
  if (use.targets > 0 || use.values > 0) {
    const parts = [
      use.targets > 0 ? `已设定 ${use.targets} 条目标` : "",
      use.values > 0 ? `已录入 ${use.values} 条统计数` : "",
    ].filter(Boolean);
    throw new AppError("BAD_STATE", {
      message: `该指标${parts.join("、")}，不能删除；不再使用时请停用`,
    });
  }
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
