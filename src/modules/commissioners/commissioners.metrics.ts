import { sql } from "kysely";
import { defineMetric, type MetricDef } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";
import { townCoverage } from "./commissioners.repository.ts";
import { commissionerViewCondition } from "./list-views.ts";

/*
 * A commissioner is "in service" during a period when one of their assignments overlaps it
 * (starts on or before the period end, and has no end or ends on or after its start).
 * Commissioners count where they were selected (their region); coverage counts towns.
 */

export const commissionersCount = defineMetric({
  id: "commissioners.count",
  label: "在岗科技特派员人数",
  unit: "名",
  kind: "flow",
  description:
    "所选地区及下级地区选派的科技特派员中，服务期与统计期间有交叉（期间内任一天在岗）的人数",
  async compute(db, scope) {
    const row = await whereInScope(
      db
        .selectFrom("commissioners")
        .select(sql<number>`count(*)::int`.as("n"))
        .where(commissionerViewCondition({ name: "in_service", ...scope }, undefined)),
      scope,
      "commissioners.region_path",
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

export const commissionersTownsCovered = defineMetric({
  id: "commissioners.towns_covered",
  label: "科技特派员服务覆盖乡镇数",
  unit: "个",
  kind: "flow",
  description: "所选地区内，期间内有科技特派员在岗服务（派驻本乡镇或其下辖村）的乡镇（街道）个数",
  async compute(db, scope) {
    const towns = await townCoverage(db, scope.regionPath, scope);
    return towns.filter((t) => t.commissioners.length > 0).length;
  },
});

export const commissionersCoverage = defineMetric({
  id: "commissioners.coverage",
  label: "科技特派员乡镇覆盖率",
  unit: "%",
  kind: "ratio",
  description:
    "期间内有科技特派员在岗服务的乡镇（街道）个数 ÷ 所选地区乡镇（街道）总数；无乡镇时为0",
  async compute(db, scope) {
    const towns = await townCoverage(db, scope.regionPath, scope);
    if (towns.length === 0) return 0;
    return towns.filter((t) => t.commissioners.length > 0).length / towns.length;
  },
});

export const commissionerServicesCount = defineMetric({
  id: "commissioners.services",
  label: "科技特派员服务次数",
  unit: "次",
  kind: "flow",
  description: "期间内（按服务日期）在所选地区及下级地区登记的科技特派员服务记录条数",
  async compute(db, scope) {
    const row = await whereInScope(
      db
        .selectFrom("commissioner_services")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("served_on", ">=", scope.from)
        .where("served_on", "<=", scope.to),
      scope,
      "commissioner_services.region_path",
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

export const commissionerPeopleReached = defineMetric({
  id: "commissioners.people_reached",
  label: "科技特派员服务群众人次",
  unit: "人次",
  kind: "flow",
  description: "期间内科技特派员服务记录登记的服务人数合计",
  async compute(db, scope) {
    const row = await whereInScope(
      db
        .selectFrom("commissioner_services")
        .select(sql<number>`coalesce(sum(people_reached), 0)::int`.as("n"))
        .where("served_on", ">=", scope.from)
        .where("served_on", "<=", scope.to),
      scope,
      "commissioner_services.region_path",
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

export const commissionerMetrics: readonly MetricDef[] = [
  commissionersCount,
  commissionersTownsCovered,
  commissionersCoverage,
  commissionerServicesCount,
  commissionerPeopleReached,
];
