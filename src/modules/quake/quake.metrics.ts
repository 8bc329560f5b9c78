import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";
import { currentMonth, missingReports } from "./missing.ts";

const month = (date: string) => date.slice(0, 7);

async function reportCounts(db: Conn, scope: MetricScope) {
  const qb = db
    .selectFrom("quake_reports")
    .select([
      sql<number>`count(*)::int`.as("n"),
      sql<number>`count(*) filter (where zero_report)::int`.as("zero"),
    ])
    .where("month", ">=", month(scope.from))
    .where("month", "<=", month(scope.to));
  const row = await whereInScope(qb, scope, "quake_reports.region_path").executeTakeFirstOrThrow();
  return { n: Number(row.n), zero: Number(row.zero) };
}

async function drillTotals(db: Conn, scope: MetricScope) {
  const qb = db
    .selectFrom("quake_drills")
    .select([
      sql<number>`count(*)::int`.as("n"),
      sql<number>`coalesce(sum(participants), 0)::int`.as("people"),
    ])
    .where("held_on", ">=", scope.from)
    .where("held_on", "<=", scope.to);
  const row = await whereInScope(qb, scope, "quake_drills.region_path").executeTakeFirstOrThrow();
  return { n: Number(row.n), people: Number(row.people) };
}

async function shelterTotals(db: Conn, scope: MetricScope) {
  const qb = db
    .selectFrom("quake_shelters")
    .select([
      sql<number>`count(*)::int`.as("n"),
      sql<number>`coalesce(sum(capacity), 0)::int`.as("capacity"),
    ]);
  const row = await whereInScope(qb, scope, "quake_shelters.region_path").executeTakeFirstOrThrow();
  return { n: Number(row.n), capacity: Number(row.capacity) };
}

export const quakeApprovals = defineMetric({
  id: "quake.approvals",
  label: "抗震设防审批工程数",
  unit: "宗",
  kind: "flow",
  description: "期间内（按审批日期）完成抗震设防审批的基建工程数量（含不同意、补正）",
  compute: async (db, scope) => {
    const qb = db
      .selectFrom("quake_approvals")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("approved_on", ">=", scope.from)
      .where("approved_on", "<=", scope.to);
    const row = await whereInScope(qb, scope, "quake_approvals.region_path").executeTakeFirst();
    return Number(row?.n ?? 0);
  },
});

export const quakePoints = defineMetric({
  id: "quake.points",
  label: "宏观观测点数",
  unit: "个",
  kind: "stock",
  description: "期末已设立且在用的宏观观测点数量",
  compute: async (db, scope) => {
    const qb = db
      .selectFrom("quake_points")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("active", "=", true)
      .where("started_on", "<=", scope.to);
    const row = await whereInScope(qb, scope, "quake_points.region_path").executeTakeFirst();
    return Number(row?.n ?? 0);
  },
});

export const quakeReports = defineMetric({
  id: "quake.reports",
  label: "宏观观测月报报送数",
  unit: "份",
  kind: "flow",
  description: "期间内各月份（按报告月份）报送的宏观观测月报份数，含零报告",
  compute: async (db, scope) => (await reportCounts(db, scope)).n,
});

export const quakeZeroReports = defineMetric({
  id: "quake.zero_reports",
  label: "宏观观测零报告数",
  unit: "份",
  kind: "flow",
  description: "期间内报送的宏观观测月报中零报告（当月未见异常）的份数",
  compute: async (db, scope) => (await reportCounts(db, scope)).zero,
});

export const quakeMissingReports = defineMetric({
  id: "quake.missing_reports",
  label: "宏观观测月报缺报数",
  unit: "份",
  kind: "flow",
  description:
    "期间内截至上月（当月尚未结束不计），在用观测点自设立当月起应报未报的月报份数（观测点×月份）",
  compute: async (db, scope) =>
    (await missingReports(db, scope.regionPath, month(scope.from), month(scope.to), currentMonth()))
      .length,
});

export const quakeTerminals = defineMetric({
  id: "quake.terminals",
  label: "地震预警终端数",
  unit: "台",
  kind: "stock",
  description: "期末已安装且未拆除的地震预警终端数量（含故障待修）",
  compute: async (db, scope) => {
    const qb = db
      .selectFrom("quake_terminals")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("status", "<>", "拆除")
      .where("installed_on", "<=", scope.to);
    const row = await whereInScope(qb, scope, "quake_terminals.region_path").executeTakeFirst();
    return Number(row?.n ?? 0);
  },
});

export const quakeShelters = defineMetric({
  id: "quake.shelters",
  label: "应急避难场所数",
  unit: "处",
  kind: "stock",
  description: "台账中登记的应急避难场所数量",
  compute: async (db, scope) => (await shelterTotals(db, scope)).n,
});

export const quakeShelterCapacity = defineMetric({
  id: "quake.shelter_capacity",
  label: "应急避难场所可容纳人数",
  unit: "人",
  kind: "stock",
  description: "台账中登记的应急避难场所可容纳人数合计",
  compute: async (db, scope) => (await shelterTotals(db, scope)).capacity,
});

export const quakeDrills = defineMetric({
  id: "quake.drills",
  label: "防震减灾应急演练次数",
  unit: "次",
  kind: "flow",
  description: "期间内（按演练日期）组织的防震减灾应急演练次数",
  compute: async (db, scope) => (await drillTotals(db, scope)).n,
});

export const quakeDrillParticipants = defineMetric({
  id: "quake.drill_participants",
  label: "应急演练参与人次",
  unit: "人次",
  kind: "flow",
  description: "期间内防震减灾应急演练的参与人次合计",
  compute: async (db, scope) => (await drillTotals(db, scope)).people,
});

export const quakeMetrics: readonly MetricDef[] = [
  quakeApprovals,
  quakePoints,
  quakeReports,
  quakeZeroReports,
  quakeMissingReports,
  quakeTerminals,
  quakeShelters,
  quakeShelterCapacity,
  quakeDrills,
  quakeDrillParticipants,
];
