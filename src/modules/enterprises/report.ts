import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";
import { g, m, name, type Piece, type ReportContributor } from "../../core/report/contribution.ts";
import type { Block } from "../../core/report/model.ts";

const NAMED_AT_MOST = 5;

/** Enterprises recognised as 高企 in the period, as counted by enterprises.hte.new. */
export async function newHteNames(db: Conn, scope: MetricScope) {
  const r = await sql<{ id: number; name: string }>`
    select distinct e.id, e.name from enterprise_qualifications q
    join qualification_kinds k on k.code = q.kind_code
    join enterprises e on e.id = q.enterprise_id
    where k.category = 'hte' and q.region_path like ${`${scope.regionPath}%`}
      and q.issued_on between ${scope.from}::date and ${scope.to}::date
    order by e.name`.execute(db);
  return r.rows;
}

/** Joins clauses with "；" into template pieces (each clause already a list of pieces). */
function joinClauses(clauses: Piece[][]): Piece[] {
  return clauses.flatMap((c, i) => (i === 0 ? c : ["；", ...c]));
}

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

/**
 * 高企培育 and R&D: the facts a bureau writes ("截至6月底，全县有效高新技术企业12家；上半年新
 * 认定高新技术企业2家（…）；科技型中小企业入库15家。全县企业研发投入2.3亿元，同比增长8.2%。").
 * Clauses whose figure is zero are left out; the section is left out when all are.
 */
export const enterprisesReport: ReportContributor = {
  id: "enterprises",
  order: 20,
  title: "高新技术企业培育",
  async contribute(ctx) {
    const v = (id: string) => ctx.value(id);
    const whole = `全${ctx.scope.regionName.slice(-1)}`;
    const span = ctx.period.span === "全年" ? "全年" : ctx.period.span;
    const valid = await v("enterprises.hte.valid");
    const fresh = await v("enterprises.hte.new");
    const applied = await v("enterprises.hte.applied");
    const passed = await v("enterprises.hte.passed");
    const tsme = await v("enterprises.tsme.registered");
    const reserve = await v("enterprises.reserve.added");
    const rd = await v("enterprises.rd.total");
    const deduct = await v("enterprises.superdeduction.count");
    const hitech = await v("enterprises.hitech.output");
    const blocks: Block[] = [];
    const hte: Piece[][] = [];
    if (valid > 0)
      hte.push([`${ctx.period.asOf}，${whole}有效高新技术企业`, m("enterprises.hte.valid")]);
    if (applied > 0) {
      const c: Piece[] = [`${span}组织申报高新技术企业`, m("enterprises.hte.applied")];
      if (passed > 0) c.push("，通过认定", m("enterprises.hte.passed"));
      hte.push(c);
    }
    if (fresh > 0) {
      const c: Piece[] = [`${span}新认定高新技术企业`, m("enterprises.hte.new")];
      const names = await newHteNames(ctx.db, ctx.scope);
      if (names.length > 0) {
        c.push("（");
        names.slice(0, NAMED_AT_MOST).forEach((n, i) => {
          if (i > 0) c.push("、");
          c.push(name(n.name, { entity: "enterprise", id: n.id }));
        });
        c.push(names.length > NAMED_AT_MOST ? "等）" : "）");
      }
      hte.push(c);
    }
    if (reserve > 0) hte.push(["省级高新技术企业培育库入库", m("enterprises.reserve.added")]);
    if (tsme > 0) hte.push(["科技型中小企业入库", m("enterprises.tsme.registered")]);
    if (hte.length > 0) {
      blocks.push(await ctx.para("enterprises.hte")(...asTemplate([...joinClauses(hte), "。"])));
    }
    // 研发投入, 加计扣除 and 高新技术产业产值 are annual statistics: a shorter period's report
    // does not state the year's figure (the targets part gives the year-to-date one).
    const annual = ctx.period.span === "全年";
    const rdClauses: Piece[][] = [];
    if (annual && rd > 0) {
      const c: Piece[] = [
        `${whole}企业研发投入`,
        m("enterprises.rd.total"),
        g("enterprises.rd.total", { lead: "，" }),
      ];
      if ((await v("enterprises.rd.gdp_share")) > 0)
        c.push("，占地区生产总值的", m("enterprises.rd.gdp_share"));
      rdClauses.push(c);
    }
    if (annual && deduct > 0)
      rdClauses.push([m("enterprises.superdeduction.count"), "企业享受研发费用加计扣除政策"]);
    if (annual && hitech > 0)
      rdClauses.push([
        "高新技术产业总产值实现",
        m("enterprises.hitech.output"),
        g("enterprises.hitech.output", { lead: "，" }),
      ]);
    if (rdClauses.length > 0) {
      blocks.push(
        await ctx.para("enterprises.rd")(...asTemplate([...joinClauses(rdClauses), "。"])),
      );
    }
    if (blocks.length === 0) return null;
    return { key: "enterprises", heading: "培育创新主体，推动高新技术企业发展", blocks };
  },
};
