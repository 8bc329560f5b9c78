import { m, type ReportContributor } from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { wholeRegion } from "../fieldwork/wording.ts";
import {
  contractsAmount,
  contractsCount,
  contractsTurnover,
  contractTypeCountId,
} from "./contracts.metrics.ts";
import { CONTRACT_TYPES } from "./entities.ts";

/** "全年登记技术合同xx项，登记额xx万元，技术交易额xx万元。其中技术开发合同x项…" */
export const contractsReport: ReportContributor = {
  id: "contracts",
  order: 40,
  title: "技术合同登记",
  async contribute(ctx) {
    if ((await ctx.value(contractsCount.id)) === 0) return null;
    const p = await ctx.para(
      "summary",
    )`${ctx.period.label}，${wholeRegion(ctx.scope.regionName)}登记技术合同${m(contractsCount.id)}，合同登记额${m(contractsAmount.id)}，实现技术交易额${m(contractsTurnover.id)}`;
    const parts: Run[][] = [];
    for (const t of CONTRACT_TYPES) {
      const id = contractTypeCountId(t.code);
      if ((await ctx.value(id)) > 0) parts.push(await ctx.runs`${t.value}合同${m(id)}`);
    }
    parts.forEach((runs, i) => {
      p.runs.push({ t: "text", text: i === 0 ? "。其中" : "、" }, ...runs);
    });
    p.runs.push({ t: "text", text: "。" });
    return { key: "contracts", heading: "促进成果转化，做好技术合同登记工作", blocks: [p] };
  },
};
