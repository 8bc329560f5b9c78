import {
  g,
  m,
  type ReportContext,
  type ReportContributor,
} from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { chineseNumeral } from "../../core/report/numbering.ts";

/**
 * 三、存在的问题, suggested from the data: each check looks at one figure and, when it shows a
 * weakness, contributes a clause worded as a bureau would ("一是……；二是……"). People are
 * expected to edit or replace these; nothing is said when no check finds anything.
 */
interface Check {
  id: string;
  clause(ctx: ReportContext): Promise<Run[] | null>;
}

/** Below this 乡镇 coverage the commissioner network is called thin. */
const COVERAGE_FLOOR = 0.9;

const checks: readonly Check[] = [
  {
    id: "patents-decline",
    async clause(ctx) {
      const run = await ctx.growth("patents.applications");
      if (!run || run.value >= 0) return null;
      return ctx.runs`知识产权创造能力有待提升，专利申请量${m("patents.applications")}${g("patents.applications", { lead: "，" })}`;
    },
  },
  {
    id: "projects-overdue",
    async clause(ctx) {
      if ((await ctx.value("projects.overdue")) <= 0) return null;
      return ctx.runs`部分科技项目实施进度滞后，${m("projects.overdue")}已超过计划完成期限仍未验收`;
    },
  },
  {
    id: "commissioner-coverage",
    async clause(ctx) {
      const coverage = await ctx.value("commissioners.coverage");
      if (coverage <= 0 || coverage >= COVERAGE_FLOOR) return null;
      return ctx.runs`科技特派员服务覆盖面不够广，乡镇覆盖率仅为${m("commissioners.coverage")}`;
    },
  },
  {
    id: "quake-missing",
    async clause(ctx) {
      if ((await ctx.value("quake.missing_reports")) <= 0) return null;
      return ctx.runs`防震减灾基层基础工作仍需加强，宏观观测点缺报观测月报${m("quake.missing_reports")}`;
    },
  },
];

export const problemsReport: ReportContributor = {
  id: "problems",
  part: "problems",
  order: 10,
  title: "存在的问题（由数据提示）",
  async contribute(ctx) {
    const clauses: Run[][] = [];
    for (const check of checks) {
      const runs = await check.clause(ctx);
      if (runs) clauses.push(runs);
    }
    if (clauses.length === 0) return null;
    const p = await ctx.para(
      "data",
    )`在肯定成绩的同时，我们也清醒地认识到工作中还存在一些问题和不足：`;
    clauses.forEach((runs, i) => {
      p.runs.push({ t: "text", text: `${i > 0 ? "；" : ""}${chineseNumeral(i + 1)}是` }, ...runs);
    });
    p.runs.push({ t: "text", text: "。" });
    return { key: "problems", heading: "", blocks: [p] };
  },
};
