import type { Conn } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";
import { parseIsoDate } from "../../core/metrics/period.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { todayCst } from "../../core/report/composer.ts";
import { pathInScope, type Scope } from "../../core/scope.ts";
import {
  completionRate,
  type ForecastMethod,
  type Light,
  ruleText,
  statusLight,
  timeProgress,
} from "./targets.math.ts";
import { forecastDetail } from "./targets.metrics.ts";
import { listTargets, type TargetRow } from "./targets.repository.ts";

export interface ProgressRow {
  id: number;
  version: number;
  regionId: number;
  regionName: string;
  year: number;
  indicatorId: number;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  kind: string;
  setBy: string;
  note: string | null;
  target: number;
  actual: number;
  completion: number;
  timeProgress: number;
  forecast: number;
  forecastCompletion: number;
  forecastMethod: ForecastMethod;
  /** False when a hand-entered indicator has no figure yet this year (shown as 未填报). */
  reported: boolean;
  light: Light;
  ruleText: string;
  /** The ledger metric behind the actual (null for hand-entered indicators): link to records. */
  metricId: string | null;
  /** Registry ids of the figures above, evaluated for `scope`. */
  metrics: Record<"actual" | "target" | "completion" | "forecast" | "forecastCompletion", string>;
  scope: MetricScope;
  /** The caller may edit this target (not read-only, not assigned from above). */
  canEdit: boolean;
}

/** The as-of date inside the target year: later dates mean the year is over. */
export function resolveAsOf(year: number, asOf?: string): string {
  const date = asOf ?? todayCst();
  if (!parseIsoDate(date)) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "asOf", label: "统计日期", message: "日期无效" }],
    });
  }
  if (date > `${year}-12-31`) return `${year}-12-31`;
  if (date < `${year}-01-01`) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "asOf", label: "统计日期", message: "不能早于目标年度" }],
    });
  }
  return date;
}

async function rowFor(
  db: Conn,
  registry: MetricRegistry,
  scope: Scope,
  t: TargetRow,
  asOf: string,
): Promise<ProgressRow> {
  const ms: MetricScope = {
    regionId: t.region_id,
    regionPath: t.region_path,
    regionName: t.region_name,
    from: `${t.year}-01-01`,
    to: asOf,
  };
  const ind = {
    id: t.indicator_id,
    unit: t.indicator_unit,
    kind: t.indicator_kind,
    metric_id: t.metric_id,
    aggregation: t.indicator_aggregation,
  };
  const f = await forecastDetail(db, registry, ind, ms);
  const target = Number(t.value);
  const completion = completionRate(f.actual, target);
  const forecastCompletion = completionRate(f.value, target);
  const tp = timeProgress(asOf);
  const light = statusLight({
    actual: f.actual,
    target,
    forecast: f.value,
    completion,
    timeProgress: tp,
  });
  const code = t.indicator_code;
  return {
    id: t.id,
    version: t.version,
    regionId: t.region_id,
    regionName: t.region_name,
    year: t.year,
    indicatorId: t.indicator_id,
    indicatorCode: code,
    indicatorName: t.indicator_name,
    unit: t.indicator_unit,
    kind: t.indicator_kind,
    setBy: t.set_by,
    note: t.note,
    target,
    actual: f.actual,
    completion,
    timeProgress: tp,
    forecast: f.value,
    forecastCompletion,
    forecastMethod: f.method,
    reported: f.reported,
    light,
    ruleText: ruleText({
      asOf,
      dataAsOf: f.dataAsOf,
      completion,
      timeProgress: tp,
      forecastCompletion,
      forecast: f,
      light,
    }),
    metricId: t.metric_id,
    metrics: {
      actual: `indicator.${code}`,
      target: `targets.value.${code}`,
      completion: `targets.completion.${code}`,
      forecast: `targets.forecast.${code}`,
      forecastCompletion: `targets.forecast_completion.${code}`,
    },
    scope: ms,
    canEdit: scope.role !== "viewer" && t.assigned_level >= scope.homeLevel,
  };
}

/**
 * Live figures of every target of a year in scope (or in one region's subtree): the
 * actual, completion, time progress, forecast and light, with the rule that set the light.
 */
export async function targetProgress(
  db: Conn,
  registry: MetricRegistry,
  scope: Scope,
  q: { year: number; asOf?: string; regionId?: number },
): Promise<{ year: number; asOf: string; timeProgress: number; rows: ProgressRow[] }> {
  const asOf = resolveAsOf(q.year, q.asOf);
  let regionPath: string | undefined;
  if (q.regionId !== undefined) {
    const region = await getRegion(db, q.regionId);
    if (!region || !pathInScope(scope, region.path)) {
      throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
    }
    regionPath = region.path;
  }
  const targets = await listTargets(db, scope, { year: q.year, regionPath });
  const rows: ProgressRow[] = [];
  for (const t of targets) rows.push(await rowFor(db, registry, scope, t, asOf));
  return { year: q.year, asOf, timeProgress: timeProgress(asOf), rows };
}
