import {
  m,
  name,
  type Piece,
  type ReportContext,
  type ReportContributor,
} from "../../core/report/contribution.ts";
import { DESIGNATION_KINDS } from "./entities.ts";
import {
  designationsValid,
  newDesignationHolders,
  pledgesAmount,
  pledgesCount,
  pledgesEnterprises,
  pledgesPatents,
} from "./ip-assets.metrics.ts";

const NAMED_AT_MOST = 8;

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

const join = (clauses: Piece[][], sep: string): Piece[] =>
  clauses.flatMap((c, i) => (i === 0 ? c : [sep, ...c]));

/** "全县3家企业通过知识产权质押融资1200万元（4笔，质押专利11件）". */
async function pledgeClause(ctx: ReportContext, whole: string): Promise<Piece[] | null> {
  if ((await ctx.value(pledgesCount.id)) === 0) return null;
  const c: Piece[] = [
    `${whole}`,
    m(pledgesEnterprises.id),
    "企业通过知识产权质押融资",
    m(pledgesAmount.id),
    "（",
    m(pledgesCount.id),
  ];
  if ((await ctx.value(pledgesPatents.id)) > 0) c.push("，质押专利", m(pledgesPatents.id));
  c.push("）");
  return c;
}

/** "新增省知识产权示范企业2家（甲公司、乙公司）", one clause per kind with new holders. */
async function designationClauses(ctx: ReportContext): Promise<Piece[][]> {
  const out: Piece[][] = [];
  for (const k of DESIGNATION_KINDS) {
    const id = `ip.designations.new.${k.code}`;
    if ((await ctx.value(id)) === 0) continue;
    const c: Piece[] = [`新增${k.value}`, m(id)];
    const holders = await newDesignationHolders(ctx.db, ctx.scope, k.value);
    if (holders.length > 0) {
      c.push("（");
      holders.slice(0, NAMED_AT_MOST).forEach((h, i) => {
        if (i > 0) c.push("、");
        c.push(name(h.name, { entity: h.entity, id: h.id }));
      });
      c.push(holders.length > NAMED_AT_MOST ? "等）" : "）");
    }
    out.push(c);
  }
  return out;
}

/**
 * Pledge financing and designations as the summaries write them: "今年1—6月，全县3家企业
 * 通过知识产权质押融资1200万元（4笔，质押专利11件）；新增省知识产权示范企业1家（四川某某
 * 陶瓷有限公司）。截至6月底，全县有效知识产权荣誉与试点示范共9项。" Left out when the
 * period has neither pledges nor new designations.
 */
export async function ipAssetsParagraphs(ctx: ReportContext) {
  const whole = `全${ctx.scope.regionName.slice(-1)}`;
  const clauses: Piece[][] = [];
  const pledge = await pledgeClause(ctx, whole);
  if (pledge) clauses.push(pledge);
  clauses.push(...(await designationClauses(ctx)));
  if (clauses.length === 0) return [];
  const span = ctx.period.span === "全年" ? "全年" : `今年${ctx.period.span}`;
  const pieces: Piece[] = [`${span}，`, ...join(clauses, "；"), "。"];
  if ((await ctx.value(designationsValid.id)) > 0)
    pieces.push(
      `${ctx.period.asOf}，${whole}有效知识产权荣誉与试点示范共`,
      m(designationsValid.id),
      "。",
    );
  return [await ctx.para("summary")(...asTemplate(pieces))];
}

export const ipAssetsReport: ReportContributor = {
  id: "ipassets",
  order: 32,
  title: "知识产权运用与试点示范",
  async contribute(ctx) {
    const blocks = await ipAssetsParagraphs(ctx);
    if (blocks.length === 0) return null;
    return {
      key: "ipassets",
      heading: "促进知识产权运用，开展质押融资和试点示范",
      blocks,
    };
  },
};
