import { m, type ReportContributor } from "../../core/report/contribution.ts";
import { wholeRegion } from "../fieldwork/wording.ts";
import {
  commissionerPeopleReached,
  commissionerServicesCount,
  commissionersCount,
  commissionersCoverage,
  commissionersTownsCovered,
} from "./commissioners.metrics.ts";

/** "全县选派科技特派员26名，服务覆盖12个乡镇（覆盖率85.7%）…" */
export const commissionersReport: ReportContributor = {
  id: "commissioners",
  order: 50,
  title: "科技特派员",
  async contribute(ctx) {
    if ((await ctx.value(commissionersCount.id)) === 0) return null;
    const p = await ctx.para(
      "summary",
    )`${ctx.period.label}，${wholeRegion(ctx.scope.regionName)}选派科技特派员${m(commissionersCount.id)}深入基层开展技术推广和智力服务`;
    if ((await ctx.value(commissionersTownsCovered.id)) > 0)
      p.runs.push(
        ...(await ctx.runs`，服务覆盖${m(commissionersTownsCovered.id)}乡镇（覆盖率${m(commissionersCoverage.id)}）`),
      );
    if ((await ctx.value(commissionerServicesCount.id)) > 0) {
      p.runs.push(...(await ctx.runs`，开展服务${m(commissionerServicesCount.id)}`));
      if ((await ctx.value(commissionerPeopleReached.id)) > 0)
        p.runs.push(...(await ctx.runs`，服务群众${m(commissionerPeopleReached.id)}`));
    }
    p.runs.push({ t: "text", text: "，有效推进了农村创新创业和科技成果转化。" });
    return { key: "commissioners", heading: "完善制度，大力推进科技特派员工作", blocks: [p] };
  },
};
