import { m, type ReportContributor } from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { wholeRegion } from "../fieldwork/wording.ts";
import {
  quakeApprovals,
  quakeDrillParticipants,
  quakeDrills,
  quakePoints,
  quakeReports,
} from "./quake.metrics.ts";

/**
 * "今年1—6月，完成基建工程抗震设防审批74宗；全县14个宏观观测点坚持月报制度，报送观测月报
 * 84份；组织防震减灾应急演练3次，参与1200人次。" — a clause with nothing to say is left out.
 */
export const quakeReport: ReportContributor = {
  id: "quake",
  order: 70,
  title: "防震减灾",
  async contribute(ctx) {
    const clauses: Run[][] = [];
    if ((await ctx.value(quakeApprovals.id)) > 0)
      clauses.push(await ctx.runs`完成基建工程抗震设防审批${m(quakeApprovals.id)}`);
    if ((await ctx.value(quakeReports.id)) > 0)
      clauses.push(
        await ctx.runs`${wholeRegion(ctx.scope.regionName)}${m(quakePoints.id)}宏观观测点坚持月报制度，报送观测月报${m(quakeReports.id)}`,
      );
    if ((await ctx.value(quakeDrills.id)) > 0) {
      const people = (await ctx.value(quakeDrillParticipants.id)) > 0;
      clauses.push(
        people
          ? await ctx.runs`组织防震减灾应急演练${m(quakeDrills.id)}，参与${m(quakeDrillParticipants.id)}`
          : await ctx.runs`组织防震减灾应急演练${m(quakeDrills.id)}`,
      );
    }
    if (clauses.length === 0) return null;
    const p = await ctx.para("summary")`${ctx.period.label}，`;
    clauses.forEach((runs, i) => {
      if (i > 0) p.runs.push({ t: "text", text: "；" });
      p.runs.push(...runs);
    });
    p.runs.push({ t: "text", text: "。" });
    return { key: "quake", heading: "抓好防震减灾，增强抗震设防能力", blocks: [p] };
  },
};
