import { sql } from "kysely";
import { addDays } from "../../core/calendar/calendar.ts";
import { date, m, name, type ReportContributor } from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { wholeRegion } from "../fieldwork/wording.ts";

const NAMED_AT_MOST = 5;

/** 存在的问题: overdue tasks at the end of the period, one modest sentence. */
export const tasksProblemsReport: ReportContributor = {
  id: "tasks.problems",
  part: "problems",
  order: 50,
  title: "督查督办",
  async contribute(ctx) {
    if ((await ctx.value("tasks.overdue")) === 0) return null;
    const whole = wholeRegion(ctx.scope.regionName);
    const late = (await ctx.value("tasks.closed_late")) > 0;
    const p = late
      ? await ctx.para(
          "tasks.overdue",
        )`截至${date(ctx.scope.to)}，${whole}有${m("tasks.overdue")}重点工作任务逾期未办结，另有${m("tasks.closed_late")}任务逾期办结，督查督办和跟踪问效仍需加强。`
      : await ctx.para(
          "tasks.overdue",
        )`截至${date(ctx.scope.to)}，${whole}有${m("tasks.overdue")}重点工作任务逾期未办结，督查督办和跟踪问效仍需加强。`;
    return { key: "tasks.problems", heading: "", blocks: [p] };
  },
};

/**
 * 工作打算: open tasks falling due within as long again as the report period after it ends,
 * as one sentence naming the lead unit and due date of each (at most five).
 */
export const tasksPlansReport: ReportContributor = {
  id: "tasks.plans",
  part: "plans",
  order: 50,
  title: "督查督办",
  async contribute(ctx) {
    const { from, to } = ctx.scope;
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    const until = addDays(to, span);
    const r = await sql<{ id: number; title: string; unit: string; due_on: string }>`
      select t.id, t.title, coalesce(u.short_name, u.name) as unit, t.due_on
      from tasks t join units u on u.id = t.lead_unit_id
      where t.region_path like ${`${ctx.scope.regionPath}%`} and t.assigned_on <= ${to}::date
        and (t.completed_on is null or t.completed_on > ${to}::date)
        and t.due_on > ${to}::date and t.due_on <= ${until}::date
      order by t.due_on, t.id limit ${NAMED_AT_MOST}`.execute(ctx.db);
    if (r.rows.length === 0) return null;
    const runs: Run[] = [{ t: "text", text: "紧盯重点工作任务完成时限，加强督查督办，" }];
    r.rows.forEach((t, i) => {
      runs.push(
        { t: "text", text: `${i === 0 ? "" : "；"}督促${t.unit}于` },
        date(t.due_on, true),
        { t: "text", text: "前完成“" },
        name(t.title, { entity: "task", id: t.id }),
        { t: "text", text: "”" },
      );
    });
    runs.push({ t: "text", text: "，确保各项任务按期办结。" });
    return {
      key: "tasks.plans",
      heading: "",
      blocks: [{ type: "paragraph", key: "tasks.plans", runs }],
    };
  },
};

export const taskContributors: readonly ReportContributor[] = [
  tasksProblemsReport,
  tasksPlansReport,
];
