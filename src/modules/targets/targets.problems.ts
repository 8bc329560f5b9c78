import type { ReportContributor } from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { textRun } from "../../core/report/model.ts";
import { LAG_TOLERANCE_POINTS } from "./targets.math.ts";
import { dataDate } from "./targets.metrics.ts";
import { regionTargets, ytdScope } from "./targets.report.ts";

/**
 * 三、存在的问题 from the targets: the ones whose light is 滞后 at the period's end (or, for
 * a whole year, the ones not reached), each with its completion against time progress.
 */
export const targetsProblemsReport: ReportContributor = {
  id: "targets.problems",
  part: "problems",
  order: 20,
  title: "目标任务进度滞后",
  async contribute(ctx) {
    const year = Number(ctx.period.to.slice(0, 4));
    const complete = ctx.period.to === `${year}-12-31`;
    const scope = ytdScope(ctx);
    const behind: Run[][] = [];
    for (const t of await regionTargets(ctx.db, ctx.scope.regionId, year)) {
      if ((await dataDate(ctx.db, t, scope)) === null) continue;
      const completion = await ctx.value(`targets.completion.${t.code}`, scope);
      if (completion >= 1) continue;
      if (!complete) {
        const forecast = await ctx.value(`targets.forecast_completion.${t.code}`, scope);
        const time = await ctx.value("targets.time_progress", scope);
        if (forecast >= 1 || completion * 100 >= time * 100 - LAG_TOLERANCE_POINTS) continue;
      }
      behind.push([
        textRun(t.name),
        textRun("完成目标任务的"),
        await ctx.number(`targets.completion.${t.code}`, { scope }),
      ]);
    }
    if (behind.length === 0) return null;
    const p = await ctx.para(
      "behind",
    )`${complete ? "部分年度目标任务未能完成" : "部分目标任务进度滞后"}，`;
    behind.forEach((runs, i) => {
      if (i > 0) p.runs.push(textRun("，"));
      p.runs.push(...runs);
    });
    if (!complete) {
      p.runs.push(textRun("，低于时间进度"), await ctx.number("targets.time_progress", { scope }));
    }
    p.runs.push(textRun("，需进一步加大工作力度。"));
    return { key: "targets-problems", heading: "", blocks: [p] };
  },
};
