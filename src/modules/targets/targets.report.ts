import type { Conn } from "../../core/db/schema.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";
import type { ReportContext, ReportContributor } from "../../core/report/contribution.ts";
import type { Block, Run, TableCell } from "../../core/report/model.ts";
import { textRun } from "../../core/report/model.ts";
import { formatForecastValue, formatIndicatorValue } from "./targets.math.ts";
import { dataDate, rememberIndicator } from "./targets.metrics.ts";

interface RegionTarget {
  id: number;
  code: string;
  name: string;
  unit: string;
  kind: string;
  aggregation: string;
  set_by: string;
  metric_id: string | null;
}

/** Whether the indicator counts events of the ledgers (a flow metric), not a state or ratio. */
function countsEvents(ctx: ReportContext, t: RegionTarget): boolean {
  return t.metric_id !== null && ctx.registry.getMetric(t.metric_id).kind === "flow";
}

/** A region's own targets for a year, in catalogue order (no Scope: reports run as a system). */
export async function regionTargets(
  db: Conn,
  regionId: number,
  year: number,
): Promise<RegionTarget[]> {
  const rows = await db
    .selectFrom("targets as t")
    .innerJoin("target_indicators as i", "i.id", "t.indicator_id")
    .select([
      "i.id",
      "i.code",
      "i.name",
      "i.unit",
      "i.kind",
      "i.aggregation",
      "t.set_by",
      "i.metric_id",
    ])
    .where("t.region_id", "=", regionId)
    .where("t.year", "=", year)
    .orderBy("i.sort")
    .orderBy("i.id")
    .execute();
  for (const r of rows) rememberIndicator(r);
  return rows;
}

const cell = (runs: Run[], align: TableCell["align"] = "center"): TableCell => ({ runs, align });

/** The targets are measured year to date at the period's end, whatever the period's start. */
export function ytdScope(ctx: ReportContext): MetricScope {
  return { ...ctx.scope, from: `${ctx.period.to.slice(0, 4)}-01-01` };
}

/** 二、目标任务完成情况: a table of every target, then one sentence per target. */
export const targetsProgressReport: ReportContributor = {
  id: "targets.progress",
  part: "targets",
  order: 10,
  title: "目标任务完成情况",
  async contribute(ctx) {
    const year = Number(ctx.period.to.slice(0, 4));
    const targets = await regionTargets(ctx.db, ctx.scope.regionId, year);
    if (targets.length === 0) return null;
    const scope = ytdScope(ctx);
    const yearScope = { ...scope, to: `${year}-12-31` };
    const complete = ctx.period.to === `${year}-12-31`;
    const header = [["指标", "全年目标", "完成", "完成率", ...(complete ? [] : ["预计全年"])]];
    const body: TableCell[][] = [];
    const blocks: Block[] = [];
    for (const t of targets) {
      const fmt = { scope, format: (v: number) => formatIndicatorValue(v, t.unit) };
      // The target is a whole-year figure: its run is scoped to the whole year.
      const target = await ctx.number(`targets.value.${t.code}`, { ...fmt, scope: yearScope });
      // A hand-entered figure not published yet: the table shows a dash, the text says nothing.
      if ((await dataDate(ctx.db, t, scope)) === null) {
        const dash = () => cell([textRun("—")]);
        body.push([
          cell([textRun(t.name)], "left"),
          cell([target]),
          dash(),
          dash(),
          ...(complete ? [] : [dash()]),
        ]);
        continue;
      }
      const actual = await ctx.number(`indicator.${t.code}`, fmt);
      const rate = await ctx.number(`targets.completion.${t.code}`, { scope });
      const row = [cell([textRun(t.name)], "left"), cell([target]), cell([actual]), cell([rate])];
      const runs: Run[] = [
        textRun(`${t.name}${t.set_by === "自定" ? "" : `（${t.set_by}）`}目标`),
        target,
        textRun(complete ? "，全年实现" : "，实现"),
        actual,
        textRun("，完成目标任务的"),
        rate,
      ];
      if (!complete) {
        const forecast = await ctx.number(`targets.forecast.${t.code}`, {
          scope,
          format: (v: number) => formatForecastValue(v, t.unit, countsEvents(ctx, t)),
        });
        const fRate = await ctx.number(`targets.forecast_completion.${t.code}`, { scope });
        row.push(cell([forecast]));
        runs.push(textRun("，预计全年可完成"), fRate);
      }
      runs.push(textRun("。"));
      body.push(row);
      blocks.push({ type: "paragraph", key: t.code, runs });
    }
    const table: Block = {
      type: "table",
      key: "table",
      caption: [textRun(`${year}年目标任务完成情况表（${ctx.period.asOf}）`)],
      header: header.map((h) => h.map((text) => cell([textRun(text)]))),
      body,
    };
    const lead: Block = {
      type: "paragraph",
      key: "lead",
      runs: [textRun(`${ctx.period.asOf}，${ctx.scope.regionName}目标任务完成情况如下：`)],
    };
    return { key: "targets", heading: "", blocks: [lead, table, ...blocks] };
  },
};

/**
 * 四、下一步工作打算: the targets still ahead — next year's after a full-year report, this
 * year's after a shorter period.
 */
export const targetsPlanReport: ReportContributor = {
  id: "targets.plans",
  part: "plans",
  order: 10,
  title: "目标任务工作打算",
  async contribute(ctx) {
    const year = Number(ctx.period.to.slice(0, 4));
    const planYear = ctx.period.span === "全年" ? year + 1 : year;
    const targets = await regionTargets(ctx.db, ctx.scope.regionId, planYear);
    if (targets.length === 0) return null;
    const scope: MetricScope = {
      ...ctx.scope,
      from: `${planYear}-01-01`,
      to: `${planYear}-12-31`,
    };
    const runs: Run[] = [textRun(planYear === year ? "力争全年" : `力争${planYear}年`)];
    for (const [i, t] of targets.entries()) {
      const target = await ctx.number(`targets.value.${t.code}`, {
        scope,
        format: (v) => formatIndicatorValue(v, t.unit),
      });
      runs.push(textRun(`${i === 0 ? "" : "、"}${t.name}达到`), target);
    }
    runs.push(textRun("，全面完成目标任务。"));
    return {
      key: "target-plans",
      heading: "",
      blocks: [{ type: "paragraph", key: "targets", runs }],
    };
  },
};
