import type { Conn, Region } from "../../core/db/schema.ts";
import { growthRate } from "../../core/metrics/format.ts";
import { type MetricScope, metricScope } from "../../core/metrics/metric.ts";
import { daysInMonth, isoDate, samePeriodLastYear } from "../../core/metrics/period.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import type { Scope } from "../../core/scope.ts";
import { targetProgress } from "../targets/progress.ts";
import { recordsLink } from "./links.ts";

/**
 * The dashboard's widgets. Every figure is a registry metric evaluated for the region and
 * year in view (up to the as-of date), so the dashboard states exactly what reports state;
 * each figure carries the page that lists the records behind it.
 */

export interface Figure {
  metric: string;
  label: string;
  unit: string;
  value: number;
  /** 同比 growth as a fraction, null when last year's value is zero. */
  growth?: number | null;
  link: string;
}

export interface WidgetContext {
  db: Conn;
  registry: MetricRegistry;
  scope: Scope;
  region: Pick<Region, "id" | "path" | "name" | "level">;
  year: number;
  /** Last day counted: the as-of date inside the year. */
  to: string;
  children: Pick<Region, "id" | "path" | "name" | "level">[];
}

function yearScope(ctx: WidgetContext, region = ctx.region): MetricScope {
  return metricScope(region, { from: `${ctx.year}-01-01`, to: ctx.to });
}

async function figure(
  ctx: WidgetContext,
  id: string,
  scope: MetricScope,
  withGrowth = false,
): Promise<Figure> {
  const v = await ctx.registry.evaluate(ctx.db, id, scope);
  const out: Figure = {
    metric: id,
    label: v.label,
    unit: v.unit,
    value: v.value,
    link: recordsLink(id, scope),
  };
  if (withGrowth && v.kind !== "ratio") {
    const last = samePeriodLastYear(scope);
    const base = await ctx.registry.evaluate(ctx.db, id, { ...scope, ...last });
    out.growth = growthRate(v.value, base.value);
  }
  return out;
}

const figures = (ctx: WidgetContext, ids: string[], withGrowth = false) =>
  Promise.all(ids.map((id) => figure(ctx, id, yearScope(ctx), withGrowth)));

const KPI_METRICS = [
  "patents.applications",
  "patents.grants",
  "patents.valid.invention",
  "enterprises.hte.valid",
  "projects.approvals",
  "projects.funds_secured",
  "contracts.amount",
  "activities.count",
];

const TREND_METRICS = ["patents.applications", "projects.applications", "activities.count"];

const FUNNEL_METRICS = [
  "projects.applications",
  "projects.approvals",
  "projects.active",
  "projects.accepted",
];

const HTE_METRICS = [
  "enterprises.tsme.registered",
  "enterprises.reserve.added",
  "enterprises.hte.applied",
  "enterprises.hte.passed",
  "enterprises.hte.valid",
];

const COVERAGE_METRICS = [
  "commissioners.coverage",
  "commissioners.towns_covered",
  "commissioners.count",
];

const TASK_METRICS = ["tasks.total", "tasks.closed", "tasks.closed_late", "tasks.overdue"];

const COUNTY_METRICS = [
  "patents.applications",
  "enterprises.hte.valid",
  "projects.approvals",
  "contracts.amount",
  "tasks.overdue",
];

/** Hand-entered indicators have no ledger: their page, for the same year and region. */
const targetsLink = (ctx: WidgetContext, regionId: number) =>
  `/targets?${new URLSearchParams({ year: String(ctx.year), regionId: String(regionId) }).toString()}`;

export const widgets = {
  kpis: (ctx: WidgetContext) => figures(ctx, KPI_METRICS, true).then((items) => ({ items })),

  /** Monthly values, January to the as-of month (evaluated concurrently: a pool serves them). */
  async trends(ctx: WidgetContext) {
    const lastMonth = Number(ctx.to.slice(5, 7));
    const months = Array.from({ length: lastMonth }, (_, i) => i + 1);
    const monthScope = (m: number) =>
      metricScope(ctx.region, {
        from: isoDate(ctx.year, m, 1),
        to: m === lastMonth ? ctx.to : isoDate(ctx.year, m, daysInMonth(ctx.year, m)),
      });
    const series = await Promise.all(
      TREND_METRICS.map(async (id) => {
        const values = await Promise.all(
          months.map(async (m) => (await ctx.registry.evaluate(ctx.db, id, monthScope(m))).value),
        );
        const def = ctx.registry.getMetric(id);
        return {
          metric: id,
          label: def.label,
          unit: def.unit,
          link: recordsLink(id, yearScope(ctx)),
          /** Each month's records. */
          links: months.map((m) => recordsLink(id, monthScope(m))),
          values,
        };
      }),
    );
    return { months: months.map((m) => `${m}月`), series };
  },

  funnel: (ctx: WidgetContext) => figures(ctx, FUNNEL_METRICS).then((items) => ({ items })),
  hte: (ctx: WidgetContext) => figures(ctx, HTE_METRICS).then((items) => ({ items })),
  coverage: (ctx: WidgetContext) => figures(ctx, COVERAGE_METRICS).then((items) => ({ items })),
  tasks: (ctx: WidgetContext) => figures(ctx, TASK_METRICS).then((items) => ({ items })),

  async targets(ctx: WidgetContext) {
    const p = await targetProgress(ctx.db, ctx.registry, ctx.scope, {
      year: ctx.year,
      asOf: ctx.to,
      regionId: ctx.region.id,
    });
    return {
      asOf: p.asOf,
      timeProgress: p.timeProgress,
      items: p.rows.map((r) => ({
        id: r.id,
        regionName: r.regionName,
        indicator: r.indicatorName,
        unit: r.unit,
        target: r.target,
        actual: r.actual,
        completion: r.completion,
        forecastCompletion: r.forecastCompletion,
        // A hand-entered figure not reported yet: no completion or light to show.
        reported: r.reported,
        light: r.light,
        ruleText: r.ruleText,
        link: r.metricId ? recordsLink(r.metricId, r.scope) : targetsLink(ctx, r.scope.regionId),
      })),
    };
  },

  /** For a city (or province): the same key figures for each region one level down. */
  async counties(ctx: WidgetContext) {
    const rows = await Promise.all(
      ctx.children.map(async (child) => ({
        regionId: child.id,
        regionName: child.name,
        values: await Promise.all(
          COUNTY_METRICS.map((id) => figure(ctx, id, yearScope(ctx, child))),
        ),
      })),
    );
    const columns = COUNTY_METRICS.map((id) => {
      const def = ctx.registry.getMetric(id);
      return { metric: id, label: def.label, unit: def.unit };
    });
    return { columns, rows };
  },
};

export type WidgetName = keyof typeof widgets;
export const WIDGET_NAMES = Object.keys(widgets) as WidgetName[];
