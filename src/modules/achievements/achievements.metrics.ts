import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";
import { LEVEL_CODES } from "../platforms/platforms.metrics.ts";

type DatedTable = "achievements" | "achievement_standards" | "achievement_honours";

async function countIn(db: Conn, scope: MetricScope, table: DatedTable, dateColumn: string) {
  const qb = db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as("n"))
    .where(sql.ref(`${table}.${dateColumn}`), ">=", scope.from)
    .where(sql.ref(`${table}.${dateColumn}`), "<=", scope.to);
  const row = await whereInScope(qb, scope, `${table}.region_path`).executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function awards(
  db: Conn,
  scope: MetricScope,
  column: "result_on" | "nominated_on",
  level?: string,
) {
  let qb = db
    .selectFrom("achievement_awards")
    .select(sql<number>`count(*)::int`.as("n"))
    .where(column, ">=", scope.from)
    .where(column, "<=", scope.to);
  if (column === "result_on") qb = qb.where("status", "=", "获奖");
  if (level) qb = qb.where("level", "=", level);
  const row = await whereInScope(qb, scope, "achievement_awards.region_path").executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const achievementsRegistered = defineMetric({
  id: "achievements.registered",
  label: "登记（评价）科技成果数",
  unit: "项",
  kind: "flow",
  description: "期间内（按登记、鉴定或评价日期）登记、鉴定或评价的科技成果数量",
  compute: (db, scope) => countIn(db, scope, "achievements", "achieved_on"),
});

export const standardsDrafted = defineMetric({
  id: "achievements.standards",
  label: "主持或参与制定标准数",
  unit: "项",
  kind: "flow",
  description: "期间内（按发布日期）发布的、由本地单位主持或参与起草的标准数量",
  compute: (db, scope) => countIn(db, scope, "achievement_standards", "published_on"),
});

export const awardsWon = defineMetric({
  id: "achievements.awards_won",
  label: "获得科技奖励数",
  unit: "项",
  kind: "flow",
  description: "期间内（按评审结果公布日期）获奖的科技奖励（含专利奖）项目数",
  compute: (db, scope) => awards(db, scope, "result_on"),
});

export const awardsWonByLevel = LEVEL_CODES.map((l) =>
  defineMetric({
    id: `achievements.awards_won.${l.code}`,
    label: `获得${l.label}科技奖励数`,
    unit: "项",
    kind: "flow",
    description: `期间内（按评审结果公布日期）获奖的${l.label}科技奖励（含专利奖）项目数`,
    compute: (db, scope) => awards(db, scope, "result_on", l.level),
  }),
);

export const awardsNominated = defineMetric({
  id: "achievements.awards_nominated",
  label: "推荐申报科技奖励数",
  unit: "项",
  kind: "flow",
  description: "期间内（按推荐日期）推荐申报各级科技奖励（含专利奖）的项目数",
  compute: (db, scope) => awards(db, scope, "nominated_on"),
});

export const honoursCount = defineMetric({
  id: "achievements.honours",
  label: "获得荣誉数",
  unit: "项",
  kind: "flow",
  description: "期间内（按授予日期）本局、本地区或辖区单位获得的科技、知识产权类荣誉与考核表彰数量",
  compute: (db, scope) => countIn(db, scope, "achievement_honours", "conferred_on"),
});

export const achievementMetrics: readonly MetricDef[] = [
  achievementsRegistered,
  standardsDrafted,
  awardsWon,
  ...awardsWonByLevel,
  awardsNominated,
  honoursCount,
];
