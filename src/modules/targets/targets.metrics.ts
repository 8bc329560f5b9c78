import { sql } from "kysely";
import type { Conn, TargetIndicator } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import type { MetricFamily, MetricRegistry } from "../../core/metrics/registry.ts";
import {
  completionRate,
  dayOfYear,
  daysInYear,
  type Forecast,
  forecastYearEnd,
  type HistoryYear,
  sameDayYearsBefore,
  timeProgress,
} from "./targets.math.ts";

/*
 * Every figure of the targets module is a registry metric. Indicators live in the database,
 * so they come as families resolved by code: "indicator.<code>" (year-to-date actual at
 * scope.to), "targets.value.<code>", "targets.completion.<code>", "targets.forecast.<code>"
 * and "targets.forecast_completion.<code>". Each is measured for scope.regionId in the
 * year of scope.to; scope.from is not used (targets are yearly, actuals run from Jan 1).
 */

const CODE_RE = /^[a-z][a-z0-9_]*$/;

/** Money scales an indicator may restate a metric in; "%" metrics are fractions. */
const UNIT_FACTORS: Record<string, Record<string, number>> = {
  元: { 元: 1, 万元: 1e-4, 亿元: 1e-8 },
  万元: { 万元: 1, 亿元: 1e-4 },
  "%": { "%": 100 },
};

/** Factor from a metric's unit to an indicator's unit, or null when they do not convert. */
export function unitFactor(metricUnit: string, indicatorUnit: string): number | null {
  const table = UNIT_FACTORS[metricUnit];
  if (table) return table[indicatorUnit] ?? null;
  return metricUnit === indicatorUnit ? 1 : null;
}

// Name and unit of indicators seen by this process, so a family member's label reads
// "发明专利申请量" once the indicator has been loaded; numbers never depend on it.
const seen = new Map<string, { name: string; unit: string }>();

export function rememberIndicator(ind: Pick<TargetIndicator, "code" | "name" | "unit">): void {
  seen.set(ind.code, { name: ind.name, unit: ind.unit });
}

export async function indicatorByCode(db: Conn, code: string): Promise<TargetIndicator> {
  const ind = await db
    .selectFrom("target_indicators")
    .selectAll()
    .where("code", "=", code)
    .executeTakeFirst();
  if (!ind) throw new AppError("NOT_FOUND", { entity: "目标任务指标" });
  rememberIndicator(ind);
  return ind;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** LIKE pattern of a scope's region subtree. */
const subtree = (scope: MetricScope) => `${scope.regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What the arithmetic needs of an indicator. */
export type IndicatorRef = Pick<
  TargetIndicator,
  "id" | "kind" | "metric_id" | "unit" | "aggregation"
>;

/** A hand-entered figure that is the region's own only: never summed from its children. */
const ownOnly = (ind: IndicatorRef) => ind.kind === "manual" && ind.aggregation === "none";

/**
 * A manual indicator at `to`, from each region's latest entry of that year dated on or
 * before `to`, with the date those figures stand at (null: nothing entered). 'sum': the
 * topmost regions' figures under the scope, where a region's own figure stands for its
 * subtree only when nothing below it is newer (a city's March figure does not hide its
 * counties' June ones; a county's own figure is not added to its towns'). 'none': the
 * region's own figure only.
 */
async function manualFigure(
  db: Conn,
  ind: IndicatorRef,
  scope: MetricScope,
): Promise<{ value: number; asOf: string | null }> {
  const year = yearOf(scope.to);
  if (ownOnly(ind)) {
    const own = await db
      .selectFrom("indicator_values")
      .select(["value", "as_of"])
      .where("indicator_id", "=", ind.id)
      .where("region_id", "=", scope.regionId)
      .where("year", "=", year)
      .where("as_of", "<=", scope.to)
      .orderBy("as_of", "desc")
      .limit(1)
      .executeTakeFirst();
    return own ? { value: Number(own.value), asOf: own.as_of } : { value: 0, asOf: null };
  }
  const r = await sql<{ n: number | null; d: string | null }>`
    with latest as (
      select distinct on (v.region_id) v.region_id, v.region_path, v.value, v.as_of
      from indicator_values v
      where v.indicator_id = ${ind.id} and v.year = ${year}
        and v.as_of <= ${scope.to} and v.region_path like ${subtree(scope)}
      order by v.region_id, v.as_of desc
    ),
    usable as (
      select l.* from latest l
      where not exists (
        select 1 from latest b
        where b.region_path <> l.region_path and b.region_path like l.region_path || '%'
          and b.as_of > l.as_of
      )
    )
    select sum(u.value)::float8 as n, max(u.as_of)::text as d from usable u
    where not exists (
      select 1 from usable a
      where a.region_path <> u.region_path and u.region_path like a.region_path || '%'
    )`.execute(db);
  const row = r.rows[0];
  return { value: Number(row?.n ?? 0), asOf: row?.d ?? null };
}

const manualValue = async (db: Conn, ind: IndicatorRef, scope: MetricScope) =>
  (await manualFigure(db, ind, scope)).value;

/** Year-to-date value of an indicator at scope.to, in the indicator's unit. */
export async function indicatorActual(
  db: Conn,
  registry: MetricRegistry,
  ind: IndicatorRef,
  scope: MetricScope,
): Promise<number> {
  if (ind.kind === "manual" || !ind.metric_id) return manualValue(db, ind, scope);
  const def = registry.getMetric(ind.metric_id);
  const factor = unitFactor(def.unit, ind.unit) ?? 1;
  const from = `${yearOf(scope.to)}-01-01`;
  const v = await registry.evaluate(db, ind.metric_id, { ...scope, from });
  return v.value * factor;
}

/**
 * Whether the indicator is a running total (flows, summed manual YTD figures) or a state:
 * a not-summed manual figure is a level or ratio, forecast at its current value.
 */
function isCumulative(registry: MetricRegistry, ind: IndicatorRef): boolean {
  if (ind.kind === "manual" || !ind.metric_id) return !ownOnly(ind);
  return registry.getMetric(ind.metric_id).kind === "flow";
}

export async function targetValue(db: Conn, indicatorId: number, scope: MetricScope) {
  const row = await db
    .selectFrom("targets")
    .select("value")
    .where("region_id", "=", scope.regionId)
    .where("year", "=", yearOf(scope.to))
    .where("indicator_id", "=", indicatorId)
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

export interface ForecastDetail extends Forecast {
  actual: number;
  elapsed: number;
  total: number;
  /** The date the actual stands at: a hand-entered figure's own date, else scope.to. */
  dataAsOf: string;
  /** False for a hand-entered indicator with no figure this year up to scope.to (未填报). */
  reported: boolean;
}

/**
 * A hand-entered "1—9月累计" figure stands at its own date, not at the as-of date: time
 * elapsed (and last year's same day) count from there. Null: nothing entered yet this year.
 */
export async function dataDate(
  db: Conn,
  ind: IndicatorRef,
  scope: MetricScope,
): Promise<string | null> {
  if (ind.kind !== "manual") return scope.to;
  return (await manualFigure(db, ind, scope)).asOf;
}

/** The forecast with the figures behind it; the forecast family returns its value. */
export async function forecastDetail(
  db: Conn,
  registry: MetricRegistry,
  ind: IndicatorRef,
  scope: MetricScope,
): Promise<ForecastDetail> {
  const actual = await indicatorActual(db, registry, ind, scope);
  const year = yearOf(scope.to);
  const entered = await dataDate(db, ind, scope);
  const at = entered ?? scope.to;
  const elapsed = dayOfYear(at);
  const total = daysInYear(year);
  const history: HistoryYear[] = [];
  if (elapsed < total) {
    for (let k = 1; k <= 3; k++) {
      const full = await indicatorActual(db, registry, ind, {
        ...scope,
        to: `${year - k}-12-31`,
      });
      const atSameDay = await indicatorActual(db, registry, ind, {
        ...scope,
        to: sameDayYearsBefore(at, k),
      });
      history.push({ year: year - k, full, atSameDay });
    }
  }
  const cumulative = isCumulative(registry, ind);
  const f = forecastYearEnd({ actual, elapsed, total, history, cumulative });
  return { ...f, actual, elapsed, total, dataAsOf: at, reported: entered !== null };
}

type Compute = (
  db: Conn,
  registry: MetricRegistry,
  ind: IndicatorRef,
  scope: MetricScope,
) => Promise<number>;

function family(
  prefix: string,
  label: (name: string) => string,
  unit: ((indUnit: string) => string) | null,
  description: string,
  compute: Compute,
): MetricFamily {
  return {
    prefix,
    resolve(code, registry): MetricDef | null {
      if (!CODE_RE.test(code)) return null;
      const meta = seen.get(code);
      return {
        id: `${prefix}${code}`,
        label: label(meta?.name ?? code),
        unit: unit ? unit(meta?.unit ?? "（按指标单位）") : "%",
        kind: "ratio",
        description,
        compute: async (db, scope) => compute(db, registry, await indicatorByCode(db, code), scope),
      };
    },
  };
}

export const targetFamilies: readonly MetricFamily[] = [
  family(
    "indicator.",
    (n) => n,
    (u) => u,
    "目标任务指标自当年1月1日至统计日的累计实际值（手工录入指标取统计日前最近一次录入数：下级合计类取本级填报数，本级未填报时为下级之和；不汇总类只取本级填报数）",
    indicatorActual,
  ),
  family(
    "targets.value.",
    (n) => `${n}目标值`,
    (u) => u,
    "所选地区当年该指标的目标值；未设目标时为0",
    (db, _r, ind, scope) => targetValue(db, ind.id, scope),
  ),
  family(
    "targets.completion.",
    (n) => `${n}完成率`,
    null,
    "当年累计实际值除以目标值",
    async (db, r, ind, scope) =>
      completionRate(
        await indicatorActual(db, r, ind, scope),
        await targetValue(db, ind.id, scope),
      ),
  ),
  family(
    "targets.forecast.",
    (n) => `${n}预计全年`,
    (u) => u,
    "年末预计值：有往年数据时按往年同期进度（最多3年）推算，否则按已过天数线性推算",
    async (db, r, ind, scope) => (await forecastDetail(db, r, ind, scope)).value,
  ),
  family(
    "targets.forecast_completion.",
    (n) => `${n}预计全年完成率`,
    null,
    "年末预计值除以目标值",
    async (db, r, ind, scope) =>
      completionRate(
        (await forecastDetail(db, r, ind, scope)).value,
        await targetValue(db, ind.id, scope),
      ),
  ),
];

export const targetMetrics: readonly MetricDef[] = [
  defineMetric({
    id: "targets.time_progress",
    label: "时间进度",
    unit: "%",
    kind: "ratio",
    description: "当年1月1日至统计日已过天数（含统计日）除以全年天数",
    compute: async (_db, scope) => timeProgress(scope.to),
  }),
];
