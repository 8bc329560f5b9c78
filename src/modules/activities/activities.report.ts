import { sql } from "kysely";
import { m, type Piece, type ReportContributor } from "../../core/report/contribution.ts";
import type { Block, Run } from "../../core/report/model.ts";
import { whereInScope } from "../../core/scope.ts";
import { cnNumber, roughFigure, wholeRegion } from "../fieldwork/wording.ts";
import {
  activitiesCount,
  campaignCountId,
  campaignOutputId,
  outputMetricId,
} from "./activities.metrics.ts";
import { type OutputKindCode, STANDARD_CAMPAIGNS } from "./entities.ts";

/** Output clauses in the order the seeds list them; groups are joined with "；". */
const CLAUSES: [OutputKindCode, string, string][][] = [
  [
    ["staff", "组织动员科技人员", ""],
    ["teams", "组成科普宣传队", ""],
    ["towns", "送科技下乡到", "乡镇"],
    ["consultations", "开展科普和科技咨询", ""],
  ],
  [
    ["sessions", "举办科技讲座、实用技术培训", ""],
    ["trainees", "培训", ""],
  ],
  [
    ["books", "展出科技图书", ""],
    ["charts", "科普挂图", ""],
  ],
  [
    ["materials", "发放科技资料", ""],
    ["boards", "展出科技展板", ""],
  ],
  [
    ["clinics", "开展义诊", ""],
    ["donations", "赠送价值", "的物资"],
    ["participants", "参与群众", ""],
  ],
];

const ROUGH = new Set<string>(["books", "materials", "donations"]);
const fmt = (kind: string) =>
  ROUGH.has(kind) ? (v: number, def: { unit: string }) => roughFigure(v, def.unit) : undefined;

function monthText(first: string, last: string): string {
  const a = Number(first.slice(5, 7));
  const b = Number(last.slice(5, 7));
  return a === b ? `${a}月` : `${a}—${b}月`;
}

/** 加强宣传，营造良好的科普氛围: one paragraph per campaign held, then the year's totals. */
export const activitiesReport: ReportContributor = {
  id: "activities",
  order: 60,
  title: "科普宣传与培训",
  async contribute(ctx) {
    if ((await ctx.value(activitiesCount.id)) === 0) return null;
    const facts = await whereInScope(
      ctx.db
        .selectFrom("activities")
        .select([
          "campaign_code",
          sql<string>`min(held_on)::text`.as("first"),
          sql<string>`max(held_on)::text`.as("last"),
          sql<number | null>`max(edition)`.as("edition"),
          sql<
            string | null
          >`(array_agg(theme order by held_on) filter (where theme is not null))[1]`.as("theme"),
        ])
        .where("held_on", ">=", ctx.scope.from)
        .where("held_on", "<=", ctx.scope.to)
        .where("campaign_code", "is not", null)
        .groupBy("campaign_code"),
      ctx.scope,
      "activities.region_path",
    ).execute();
    const blocks: Block[] = [];
    const held = STANDARD_CAMPAIGNS.map((c) => ({
      c,
      f: facts.find((f) => f.campaign_code === c.code),
    }))
      .filter((x): x is { c: (typeof STANDARD_CAMPAIGNS)[number]; f: (typeof facts)[number] } =>
        Boolean(x.f),
      )
      .sort((a, b) => a.f.first.localeCompare(b.f.first));
    for (const { c, f } of held) {
      const groups: Run[][] = [];
      for (const group of CLAUSES) {
        const parts: Run[][] = [];
        for (const [kind, before, after] of group) {
          const id = campaignOutputId(c.code, kind);
          if ((await ctx.value(id)) <= 0) continue;
          parts.push(await ctx.runs`${before}${m(id, { format: fmt(kind) })}${after}`);
        }
        if (parts.length > 0)
          groups.push(parts.flatMap((p, i) => (i === 0 ? p : [{ t: "text", text: "，" }, ...p])));
      }
      const edition = f.edition ? `第${cnNumber(Number(f.edition))}届` : "";
      const theme: Piece = f.theme ? `，以“${f.theme}”为主题` : "";
      const head =
        await ctx.runs`${monthText(f.first, f.last)}，开展${edition}“${c.name}”${c.suffix}活动${theme}，共组织活动${m(campaignCountId(c.code))}`;
      const tail = groups.flatMap((g) => [{ t: "text" as const, text: "；" }, ...g]);
      if (tail[0]) tail[0] = { t: "text", text: "，" };
      blocks.push({
        type: "paragraph",
        key: `campaign.${c.code}`,
        runs: [...head, ...tail, { t: "text", text: "。" }],
      });
    }
    const totals: Run[][] = [];
    for (const [kind, before] of [
      ["materials", "发放各类科普资料"],
      ["books", "科普图书"],
      ["trainees", "培训"],
    ] as const) {
      const id = outputMetricId(kind);
      if ((await ctx.value(id)) > 0)
        totals.push(await ctx.runs`${before}${m(id, { format: fmt(kind) })}`);
    }
    const summary = await ctx.para(
      "summary",
    )`${ctx.period.label}，${wholeRegion(ctx.scope.regionName)}共开展各类科普宣传、培训等活动${m(activitiesCount.id)}`;
    for (const t of totals)
      summary.runs.push({ t: "text", text: totals.indexOf(t) === 0 ? "，累计" : "、" }, ...t);
    summary.runs.push({ t: "text", text: "，进一步提高了全民科学素养，弘扬了科学精神。" });
    blocks.push(summary);
    return { key: "activities", heading: "加强宣传，营造良好的科普氛围", blocks };
  },
};
