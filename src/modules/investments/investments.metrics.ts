import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";

/* Signed projects count on their signing date; funds arrive as dated entries (a flow). */

async function one(db: Conn, q: ReturnType<typeof sql<{ v: number | null }>>): Promise<number> {
  const r = await q.execute(db);
  return Number(r.rows[0]?.v ?? 0);
}

const signedIn = (s: MetricScope) => sql`region_path like ${`${s.regionPath}%`}
  and signed_on between ${s.from}::date and ${s.to}::date and status <> '洽谈'`;

export const investmentSignedCount = defineMetric({
  id: "investment.signed.count",
  label: "签约招商引资与合作项目",
  unit: "个",
  kind: "flow",
  description: "期间内签约的招商引资、产学研合作和技术引进项目个数（按签约日期）",
  compute: (db, s) =>
    one(
      db,
      sql<{ v: number }>`select count(*)::int as v from investment_projects where ${signedIn(s)}`,
    ),
});

export const investmentContractAmount = defineMetric({
  id: "investment.contract_amount",
  label: "签约合同资金",
  unit: "元",
  kind: "flow",
  description: "期间内签约项目的合同资金合计（按签约日期）",
  compute: (db, s) =>
    one(
      db,
      sql<{ v: number }>`select coalesce(sum(contract_amount), 0) as v from investment_projects
        where ${signedIn(s)}`,
    ),
});

export const investmentArrivedAmount = defineMetric({
  id: "investment.arrived_amount",
  label: "到位资金",
  unit: "元",
  kind: "flow",
  description: "期间内招商引资与合作项目到位的资金合计（按到位日期）",
  compute: (db, s) =>
    one(
      db,
      sql<{ v: number }>`select coalesce(sum(amount), 0) as v from investment_arrivals
        where region_path like ${`${s.regionPath}%`}
          and arrived_on between ${s.from}::date and ${s.to}::date`,
    ),
});

export const investmentMetrics: readonly MetricDef[] = [
  investmentSignedCount,
  investmentContractAmount,
  investmentArrivedAmount,
];
