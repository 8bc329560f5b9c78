import { m, name, type ReportContributor } from "../../core/report/contribution.ts";
import type { Run } from "../../core/report/model.ts";
import { whereInScope } from "../../core/scope.ts";
import { wholeRegion } from "../fieldwork/wording.ts";
import { LEVEL_CODES } from "../platforms/platforms.metrics.ts";
import { compactRuns, joinRuns, text } from "../platforms/report-runs.ts";
import {
  achievementsRegistered,
  awardsNominated,
  awardsWon,
  honoursCount,
  standardsDrafted,
} from "./achievements.metrics.ts";

const NAMED_AT_MOST = 5;

/** "省科学技术进步奖三等奖", "省专利奖优秀奖". */
function awardWording(level: string, award: string, rank: string | null): string {
  const r = rank ? (rank.endsWith("奖") ? rank : `${rank}奖`) : "";
  return `${level}${award}${r}`;
}

/**
 * "全县登记科技成果N项，主持或参与制定标准N项；推荐申报各级科技奖励N项，获得省级科技奖励N项，
 * 其中“某项目”获省科学技术进步奖三等奖；本县获评“全国科技进步考核先进县”。" Left out when
 * the period holds none of these.
 */
export const achievementsReport: ReportContributor = {
  id: "achievements",
  order: 46,
  title: "科技成果与奖励",
  async contribute(ctx) {
    const v = (id: string) => ctx.value(id);
    const ids = [
      achievementsRegistered,
      standardsDrafted,
      awardsNominated,
      awardsWon,
      honoursCount,
    ];
    if ((await Promise.all(ids.map((d) => v(d.id)))).every((x) => x === 0)) return null;
    const { from, to } = ctx.scope;
    const clauses: Run[][] = [];

    const results: Run[][] = [];
    if ((await v(achievementsRegistered.id)) > 0)
      results.push(await ctx.runs`登记（评价）科技成果${m(achievementsRegistered.id)}`);
    if ((await v(standardsDrafted.id)) > 0)
      results.push(await ctx.runs`主持或参与制定标准${m(standardsDrafted.id)}`);
    if (results.length > 0) clauses.push(joinRuns(results, "，"));

    const awards: Run[][] = [];
    if ((await v(awardsNominated.id)) > 0)
      awards.push(await ctx.runs`推荐申报各级科技奖励${m(awardsNominated.id)}`);
    if ((await v(awardsWon.id)) > 0) {
      const levels: Run[][] = [];
      for (const l of LEVEL_CODES) {
        const id = `${awardsWon.id}.${l.code}`;
        if ((await v(id)) > 0) levels.push(await ctx.runs`${l.label}科技奖励${m(id)}`);
      }
      awards.push([
        text("获得"),
        ...(levels.length > 0
          ? joinRuns(levels, "、")
          : await ctx.runs`科技奖励${m(awardsWon.id)}`),
      ]);
      const won = await whereInScope(
        ctx.db
          .selectFrom("achievement_awards")
          .select(["id", "project", "level", "award", "rank"])
          .where("status", "=", "获奖")
          .where("result_on", ">=", from)
          .where("result_on", "<=", to)
          .orderBy("result_on")
          .orderBy("id")
          .limit(NAMED_AT_MOST),
        ctx.scope,
        "achievement_awards.region_path",
      ).execute();
      awards.push([
        text("其中"),
        ...joinRuns(
          won.map((a) => [
            text("“"),
            name(a.project, { entity: "award", id: a.id }),
            text(`”获${awardWording(a.level, a.award, a.rank)}`),
          ]),
          "，",
        ),
      ]);
    }
    if (awards.length > 0) clauses.push(joinRuns(awards, "，"));

    if ((await v(honoursCount.id)) > 0) {
      const honours = await whereInScope(
        ctx.db
          .selectFrom("achievement_honours")
          .select(["id", "title", "recipient"])
          .where("conferred_on", ">=", from)
          .where("conferred_on", "<=", to)
          .orderBy("conferred_on")
          .orderBy("id")
          .limit(NAMED_AT_MOST),
        ctx.scope,
        "achievement_honours.region_path",
      ).execute();
      clauses.push(
        joinRuns(
          honours.map((h) => [
            text(`${h.recipient}获评“`),
            name(h.title, { entity: "honour", id: h.id }),
            text("”"),
          ]),
          "，",
        ),
      );
    }

    const runs = [
      text(`${ctx.period.label}，${wholeRegion(ctx.scope.regionName)}`),
      ...joinRuns(clauses, "；"),
      text("。"),
    ];
    return {
      key: "achievements",
      heading: "加强成果转化，科技奖励取得新突破",
      blocks: [{ type: "paragraph", key: "achievements.summary", runs: compactRuns(runs) }],
    };
  },
};
