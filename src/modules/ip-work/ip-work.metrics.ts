import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";

/* Enforcement figures count in the period the action was held; a dispute counts as received
 * in the period of its 受理日期 and as closed in the period of its 结案日期. */

async function enforcement(db: Conn, scope: MetricScope) {
  const qb = db
    .selectFrom("ip_enforcement_actions")
    .select([
      sql<number>`count(*)::int`.as("actions"),
      sql<number>`coalesce(sum(officers), 0)::int`.as("officers"),
      sql<number>`coalesce(sum(inspections), 0)::int`.as("inspections"),
      sql<number>`coalesce(sum(shops), 0)::int`.as("shops"),
      sql<number>`coalesce(sum(goods), 0)::bigint`.as("goods"),
      sql<number>`coalesce(sum(cases_filed), 0)::int`.as("filed"),
      sql<number>`coalesce(sum(cases_closed), 0)::int`.as("closed"),
    ])
    .where("held_on", ">=", scope.from)
    .where("held_on", "<=", scope.to);
  const row = await whereInScope(
    qb,
    scope,
    "ip_enforcement_actions.region_path",
  ).executeTakeFirstOrThrow();
  return {
    actions: Number(row.actions),
    officers: Number(row.officers),
    inspections: Number(row.inspections),
    shops: Number(row.shops),
    goods: Number(row.goods),
    filed: Number(row.filed),
    closed: Number(row.closed),
  };
}

async function disputeCount(db: Conn, scope: MetricScope, column: "received_on" | "closed_on") {
  const qb = db
    .selectFrom("ip_disputes")
    .select(sql<number>`count(*)::int`.as("n"))
    .where(column, ">=", scope.from)
    .where(column, "<=", scope.to);
  const row = await whereInScope(qb, scope, "ip_disputes.region_path").executeTakeFirstOrThrow();
  return Number(row.n);
}

type Figure = keyof Awaited<ReturnType<typeof enforcement>>;

const enforcementMetric = (key: Figure, label: string, unit: string, description: string) =>
  defineMetric({
    id: `ipwork.enforcement.${key}`,
    label,
    unit,
    kind: "flow",
    description,
    compute: async (db, scope) => (await enforcement(db, scope))[key],
  });

export const enforcementActions = enforcementMetric(
  "actions",
  "知识产权执法行动次数",
  "次",
  "期间内（按执法日期）登记的知识产权执法行动数",
);
export const enforcementOfficers = enforcementMetric(
  "officers",
  "出动执法人员",
  "人次",
  "期间内各次执法行动出动执法人员人次合计",
);
export const enforcementInspections = enforcementMetric(
  "inspections",
  "知识产权执法检查次数",
  "次",
  "期间内各次执法行动填报的检查次数合计",
);
export const enforcementShops = enforcementMetric(
  "shops",
  "检查商铺",
  "家",
  "期间内各次执法行动检查商铺家数合计",
);
export const enforcementGoods = enforcementMetric(
  "goods",
  "检查商品",
  "件",
  "期间内各次执法行动检查商品件数合计",
);
export const enforcementFiled = enforcementMetric(
  "filed",
  "执法立案",
  "件",
  "期间内各次执法行动立案件数合计",
);
export const enforcementClosed = enforcementMetric(
  "closed",
  "执法结案",
  "件",
  "期间内各次执法行动填报的结案件数合计（案件可在以后的行动中结案）",
);

export const disputesReceived = defineMetric({
  id: "ipwork.disputes.received",
  label: "受理专利纠纷案件",
  unit: "件",
  kind: "flow",
  description: "期间内（按受理日期）受理的专利纠纷、假冒专利等案件数",
  compute: (db, scope) => disputeCount(db, scope, "received_on"),
});

export const disputesClosed = defineMetric({
  id: "ipwork.disputes.closed",
  label: "专利纠纷案件结案",
  unit: "件",
  kind: "flow",
  description: "期间内（按结案日期）结案的专利纠纷案件数，含以前受理的案件",
  compute: (db, scope) => disputeCount(db, scope, "closed_on"),
});

export const disputesCloseRate = defineMetric({
  id: "ipwork.disputes.close_rate",
  label: "专利纠纷案件结案率",
  unit: "%",
  kind: "ratio",
  description: "期间内结案件数 ÷ 期间内受理件数；期间内未受理案件时为 0",
  compute: async (db, scope) => {
    const received = await disputeCount(db, scope, "received_on");
    if (received === 0) return 0;
    return (await disputeCount(db, scope, "closed_on")) / received;
  },
});

export const ipWorkMetrics: readonly MetricDef[] = [
  enforcementActions,
  enforcementOfficers,
  enforcementInspections,
  enforcementShops,
  enforcementGoods,
  enforcementFiled,
  enforcementClosed,
  disputesReceived,
  disputesClosed,
  disputesCloseRate,
];
