import { sql } from "kysely";
import { formatMoney } from "../../core/metrics/format.ts";
import { m, name, type Piece, type ReportContributor } from "../../core/report/contribution.ts";
import { wholeRegion } from "../fieldwork/wording.ts";

const NAMED_AT_MOST = 3;

interface Signed {
  id: number;
  name: string;
  partner_name: string;
  our_party: string | null;
  enterprise_id: number | null;
  contract_amount: number;
}

/**
 * 招商引资与合作: one paragraph with the signed count, contract and arrived funds, naming the
 * biggest signings. Left out when nothing was signed and nothing arrived in the period.
 */
export const investmentsReport: ReportContributor = {
  id: "investments",
  order: 11,
  title: "招商引资与合作项目",
  async contribute(ctx) {
    const signed = await ctx.value("investment.signed.count");
    const arrived = await ctx.value("investment.arrived_amount");
    if (signed === 0 && arrived === 0) return null;
    const s = ctx.scope;
    const pieces: Piece[] = [`${ctx.period.label}，${wholeRegion(ctx.scope.regionName)}`];
    if (signed > 0)
      pieces.push(
        "促成签约招商引资与合作项目",
        m("investment.signed.count"),
        "，合同资金",
        m("investment.contract_amount"),
      );
    if (arrived > 0)
      pieces.push(signed > 0 ? "，" : "", "到位资金", m("investment.arrived_amount"));
    const top = await sql<Signed>`select id, name, partner_name, our_party, enterprise_id,
        contract_amount from investment_projects
      where region_path like ${`${s.regionPath}%`} and status <> '洽谈'
        and signed_on between ${s.from}::date and ${s.to}::date
      order by contract_amount desc, id limit ${NAMED_AT_MOST}`.execute(ctx.db);
    top.rows.forEach((p, i) => {
      pieces.push(i === 0 ? "。其中，" : "；");
      if (p.our_party)
        pieces.push(
          p.enterprise_id
            ? name(p.our_party, { entity: "enterprise", id: p.enterprise_id })
            : p.our_party,
        );
      pieces.push("与");
      pieces.push(p.partner_name, "签约“", name(p.name, { entity: "investment", id: p.id }), "”");
      if (Number(p.contract_amount) > 0)
        pieces.push(
          "，合同资金",
          name(formatMoney(Number(p.contract_amount), 4), { entity: "investment", id: p.id }),
        );
    });
    const strings: string[] = [""];
    const values: Piece[] = [];
    for (const p of [...pieces, "。"]) {
      if (typeof p === "string") strings[strings.length - 1] += p;
      else {
        values.push(p);
        strings.push("");
      }
    }
    const raw = Object.assign([...strings], { raw: [...strings] });
    const block = await ctx.para("investments.summary")(
      raw as unknown as TemplateStringsArray,
      ...values,
    );
    return { key: "investments", heading: "积极招商引资，推进产学研合作", blocks: [block] };
  },
};
