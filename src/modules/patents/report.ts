import { roundTo } from "../../core/metrics/format.ts";
import { m, type Piece, type ReportContributor } from "../../core/report/contribution.ts";
import type { Block } from "../../core/report/model.ts";
import { wholeRegion } from "../fieldwork/wording.ts";

/** Builds a tagged-template call from a piece list (the context only takes templates). */
function asTemplate(pieces: Piece[]): [TemplateStringsArray, ...Piece[]] {
  const strings: string[] = [""];
  const values: Piece[] = [];
  for (const p of pieces) {
    if (typeof p === "string") strings[strings.length - 1] += p;
    else {
      values.push(p);
      strings.push("");
    }
  }
  const raw = Object.assign([...strings], { raw: [...strings] });
  return [raw as unknown as TemplateStringsArray, ...values];
}

const SPLIT = [
  ["invention", "发明专利"],
  ["utility", "实用新型"],
  ["design", "外观设计"],
] as const;

/** "每万人口发明专利拥有量1.3件": bureaus state this ratio with one decimal. */
const oneDecimal = (v: number) => `${roundTo(v, 1).toFixed(1)}件`;

/**
 * Patent statistics as the summaries write them: "今年1—4月，全县共完成专利申请32件，其中
 * 发明专利5件、实用新型22件、外观设计5件；专利授权16件。截至4月底，全县有效发明专利40件，
 * 每万人口发明专利拥有量1.3件。" Left out when the period has no application and no grant;
 * the per-10,000 clause is left out when no population is entered.
 */
export const patentsReport: ReportContributor = {
  id: "patents",
  order: 30,
  title: "知识产权",
  async contribute(ctx) {
    const v = (id: string) => ctx.value(id);
    const apps = await v("patents.applications");
    const grants = await v("patents.grants");
    if (apps === 0 && grants === 0) return null;
    const whole = wholeRegion(ctx.scope.regionName);
    const span = ctx.period.span === "全年" ? "全年" : `今年${ctx.period.span}`;
    const flow: Piece[] = [`${span}，${whole}`];
    if (apps > 0) {
      flow.push("共完成专利申请", m("patents.applications"));
      const parts: Piece[] = [];
      for (const [key, label] of SPLIT) {
        if ((await v(`patents.applications.${key}`)) === 0) continue;
        if (parts.length > 0) parts.push("、");
        parts.push(label, m(`patents.applications.${key}`));
      }
      if (parts.length > 0) flow.push("，其中", ...parts);
    }
    if (grants > 0) {
      flow.push(apps > 0 ? "；专利授权" : "专利授权", m("patents.grants"));
      // The grants by type too, as summaries state them ("其中发明2件、实用新型3件…").
      const parts: Piece[] = [];
      for (const [key, label] of SPLIT) {
        if ((await v(`patents.grants.${key}`)) === 0) continue;
        if (parts.length > 0) parts.push("、");
        parts.push(label, m(`patents.grants.${key}`));
      }
      if (parts.length > 0) flow.push("，其中", ...parts);
    }
    flow.push("。");
    if ((await v("patents.valid.invention")) > 0) {
      // "截至2026年4月底" → "截至4月底": the paragraph already speaks of this year.
      const asOf = ctx.period.asOf.replace(/^截至\d{4}年(?=\d)/, "截至");
      const stock: Piece[] = [`${asOf}，${whole}有效发明专利`, m("patents.valid.invention")];
      if ((await v("patents.valid.invention_per_10k")) > 0)
        stock.push(
          "，每万人口发明专利拥有量",
          m("patents.valid.invention_per_10k", { format: oneDecimal }),
        );
      flow.push(...stock, "。");
    }
    const blocks: Block[] = [await ctx.para("patents.summary")(...asTemplate(flow))];
    return { key: "patents", heading: "加强知识产权创造，提升专利质量", blocks };
  },
};
