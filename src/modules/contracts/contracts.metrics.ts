import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";
import { CONTRACT_TYPES } from "./entities.ts";

/* Contracts count in the period they were registered (登记日期), where they were registered. */

async function totals(db: Conn, scope: MetricScope, type?: string) {
  let qb = db
    .selectFrom("tech_contracts")
    .select([
      sql<number>`count(*)::int`.as("n"),
      sql<number>`coalesce(sum(amount), 0)`.as("amount"),
      sql<number>`coalesce(sum(turnover), 0)`.as("turnover"),
    ])
    .where("registered_on", ">=", scope.from)
    .where("registered_on", "<=", scope.to);
  if (type) qb = qb.where("type", "=", type);
  const row = await whereInScope(qb, scope, "tech_contracts.region_path").executeTakeFirstOrThrow();
  return { n: Number(row.n), amount: Number(row.amount), turnover: Number(row.turnover) };
}

export const contractsCount = defineMetric({
  id: "contracts.count",
  label: "技术合同登记数",
  unit: "项",
  kind: "flow",
  description: "期间内（按登记日期）在所选地区及下级地区登记的技术合同数量",
  compute: async (db, scope) => (await totals(db, scope)).n,
});

export const contractsAmount = defineMetric({
  id: "contracts.amount",
  label: "技术合同登记额",
  unit: "元",
  kind: "flow",
  description: "期间内（按登记日期）登记的技术合同的合同金额合计",
  compute: async (db, scope) => (await totals(db, scope)).amount,
});

export const contractsTurnover = defineMetric({
  id: "contracts.turnover",
  label: "技术交易额",
  unit: "元",
  kind: "flow",
  description: "期间内（按登记日期）登记的技术合同中技术交易额合计（扣除非技术性款项）",
  compute: async (db, scope) => (await totals(db, scope)).turnover,
});

export const contractTypeCountId = (code: string) => `contracts.count.${code}`;
export const contractTypeTurnoverId = (code: string) => `contracts.turnover.${code}`;

const byType = CONTRACT_TYPES.flatMap((t) => [
  defineMetric({
    id: contractTypeCountId(t.code),
    label: `${t.value}合同登记数`,
    unit: "项",
    kind: "flow",
    description: `期间内登记的${t.value}合同数量`,
    compute: async (db, scope) => (await totals(db, scope, t.value)).n,
  }),
  defineMetric({
    id: contractTypeTurnoverId(t.code),
    label: `${t.value}合同技术交易额`,
    unit: "元",
    kind: "flow",
    description: `期间内登记的${t.value}合同技术交易额合计`,
    compute: async (db, scope) => (await totals(db, scope, t.value)).turnover,
  }),
]);

export const contractMetrics: readonly MetricDef[] = [
  contractsCount,
  contractsAmount,
  contractsTurnover,
  ...byType,
];
