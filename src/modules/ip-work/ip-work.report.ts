import { m, type Piece, type ReportContributor } from "../../core/report/contribution.ts";
import {
  disputesClosed,
  disputesCloseRate,
  disputesReceived,
  enforcementClosed,
  enforcementFiled,
  enforcementGoods,
  enforcementInspections,
  enforcementOfficers,
  enforcementShops,
} from "./ip-work.metrics.ts";

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

/** Joins clauses (each a piece list) with a separator. */
function join(clauses: Piece[][], sep: string): Piece[] {
  return clauses.flatMap((c, i) => (i === 0 ? c : [sep, ...c]));
}

/**
 * Enforcement and disputes as the summaries write them: "今年1—6月，开展知识产权执法检查
 * 12次，出动执法人员96人次，检查商铺230家、商品5600件，立案3件，结案2件；受理专利纠纷案件
 * 4件，结案3件，结案率75.0%。" A zero figure's clause is left out, and so is the section
 * when every figure is zero.
 */
export const ipWorkReport: ReportContributor = {
  id: "ipwork",
  order: 31,
  title: "知识产权执法与纠纷处理",
  async contribute(ctx) {
    const has = async (id: string) => (await ctx.value(id)) > 0;
    const enforcement: Piece[][] = [];
    if (await has(enforcementInspections.id))
      enforcement.push(["开展知识产权执法检查", m(enforcementInspections.id)]);
    if (await has(enforcementOfficers.id))
      enforcement.push(["出动执法人员", m(enforcementOfficers.id)]);
    const checked: Piece[][] = [];
    if (await has(enforcementShops.id)) checked.push(["商铺", m(enforcementShops.id)]);
    if (await has(enforcementGoods.id)) checked.push(["商品", m(enforcementGoods.id)]);
    if (checked.length > 0) enforcement.push(["检查", ...join(checked, "、")]);
    if (await has(enforcementFiled.id)) enforcement.push(["立案", m(enforcementFiled.id)]);
    if (await has(enforcementClosed.id)) enforcement.push(["结案", m(enforcementClosed.id)]);

    const disputes: Piece[][] = [];
    const received = await has(disputesReceived.id);
    if (received) disputes.push(["受理专利纠纷案件", m(disputesReceived.id)]);
    if (await has(disputesClosed.id)) {
      disputes.push([received ? "结案" : "专利纠纷案件结案", m(disputesClosed.id)]);
      if (received) disputes.push(["结案率", m(disputesCloseRate.id)]);
    }

    const parts = [enforcement, disputes].filter((p) => p.length > 0).map((p) => join(p, "，"));
    if (parts.length === 0) return null;
    const span = ctx.period.span === "全年" ? "全年" : `今年${ctx.period.span}`;
    const p = await ctx.para("summary")(...asTemplate([`${span}，`, ...join(parts, "；"), "。"]));
    return {
      key: "ipwork",
      heading: "加强知识产权保护，开展执法检查和纠纷处理",
      blocks: [p],
    };
  },
};
