import { m, name, type ReportContributor } from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { whereInScope } from "../../core/scope.ts";
import { wholeRegion } from "../fieldwork/wording.ts";
import {
  cooperationAmount,
  cooperationSigned,
  LEVEL_CODES,
  platformsRecognised,
  platformsStock,
} from "./platforms.metrics.ts";
import { compactRuns, text } from "./report-runs.ts";

const NAMED_AT_MOST = 5;

/** "甲、乙、丙" as name runs. */
function nameList(items: { id: number; label: string }[], entity: string): Run[] {
  return items.flatMap((x, i) => [
    ...(i > 0 ? [text("、")] : []),
    name(x.label, { entity, id: x.id }),
  ]);
}

/**
 * "新认定省级科技创新平台1个（四川XX有限公司XX工程技术研究中心）…，全县运行的各级科技创新平台
 * 达N个；与四川大学等高校院所签订合作协议3项，协议金额xx万元。" Left out when the period
 * recognised no platform and signed no agreement.
 */
export const platformsReport: ReportContributor = {
  id: "platforms",
  order: 45,
  title: "创新平台与产学研合作",
  async contribute(ctx) {
    const recognised = await ctx.value(platformsRecognised.id);
    const signed = await ctx.value(cooperationSigned.id);
    if (recognised === 0 && signed === 0) return null;
    const { from, to } = ctx.scope;
    const runs: Run[] = [text(`${ctx.period.label}，`)];
    if (recognised > 0) {
      const levels: Run[][] = [];
      for (const l of LEVEL_CODES) {
        const id = `${platformsRecognised.id}.${l.code}`;
        if ((await ctx.value(id)) === 0) continue;
        const rows = await whereInScope(
          ctx.db
            .selectFrom("platforms")
            .select(["id", "name"])
            .where("level", "=", l.level)
            .where("recognised_on", ">=", from)
            .where("recognised_on", "<=", to)
            .orderBy("recognised_on")
            .orderBy("id")
            .limit(NAMED_AT_MOST),
          ctx.scope,
          "platforms.region_path",
        ).execute();
        const named = nameList(
          rows.map((r) => ({ id: r.id, label: r.name })),
          "platform",
        );
        levels.push([
          ...(await ctx.runs`${l.label}科技创新平台${m(id)}`),
          text("（"),
          ...named,
          text("）"),
        ]);
      }
      runs.push(
        ...(levels.length > 0
          ? [text("新认定"), ...levels.flatMap((r, i) => (i > 0 ? [text("、"), ...r] : r))]
          : await ctx.runs`新认定科技创新平台${m(platformsRecognised.id)}`),
        ...(await ctx.runs`，${wholeRegion(ctx.scope.regionName)}运行的各级科技创新平台达${m(platformsStock.id)}`),
      );
    }
    if (signed > 0) {
      const partners = await whereInScope(
        ctx.db
          .selectFrom("coop_agreements")
          .select(["partner"])
          .select((eb) => eb.fn.min("id").as("id"))
          .where("signed_on", ">=", from)
          .where("signed_on", "<=", to)
          .groupBy("partner")
          .orderBy((eb) => eb.fn.min("signed_on"))
          .limit(3),
        ctx.scope,
        "coop_agreements.region_path",
      ).execute();
      if (recognised > 0) runs.push(text("；"));
      runs.push(
        text("与"),
        ...nameList(
          partners.map((p) => ({ id: Number(p.id), label: p.partner })),
          "coopAgreement",
        ),
        ...(await ctx.runs`等高校院所签订合作协议${m(cooperationSigned.id)}`),
      );
      if ((await ctx.value(cooperationAmount.id)) > 0)
        runs.push(...(await ctx.runs`，协议金额${m(cooperationAmount.id)}`));
    }
    runs.push(text("。"));
    return {
      key: "platforms",
      heading: "搭建创新平台，深化产学研合作",
      blocks: [{ type: "paragraph", key: "platforms.summary", runs: compactRuns(runs) }],
    };
  },
};
