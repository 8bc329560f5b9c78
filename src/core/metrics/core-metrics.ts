import { whereInScope } from "../scope.ts";
import { defineMetric, type MetricDef } from "./metric.ts";

/*
 * Foundation metrics. Units and users keep no history (only a current `active` flag), so
 * both are "now" counts whatever the period; they exist to prove the registry end to end
 * and for the admin dashboard, not for the report.
 */

export const unitsCount = defineMetric({
  id: "units.count",
  label: "单位数",
  unit: "个",
  kind: "stock",
  description: "所选地区及下级地区中在用（未停用）单位的数量；单位不保留历史，按当前状态统计",
  async compute(db, scope) {
    const row = await whereInScope(
      db
        .selectFrom("units")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("active", "=", true),
      scope,
      "units.region_path",
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

export const usersCount = defineMetric({
  id: "users.count",
  label: "用户数",
  unit: "人",
  kind: "stock",
  description: "所选地区及下级地区中在用（未停用）账号的数量；按当前状态统计",
  async compute(db, scope) {
    const row = await whereInScope(
      db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("active", "=", true),
      scope,
      "users.region_path",
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },
});

export const coreMetrics: readonly MetricDef[] = [unitsCount, usersCount];
