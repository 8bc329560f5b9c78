import type { Conn } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { AppError } from "../../core/errors.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import {
  approvalEntity,
  approvalInput,
  drillEntity,
  drillInput,
  pointEntity,
  pointInput,
  reportEntity,
  reportInput,
  shelterEntity,
  shelterInput,
  terminalEntity,
  terminalInput,
} from "./entities.ts";
import type { Ledger } from "./ledger.ts";

registerConstraintLabels({
  quake_points_name_key: "该地区同名的宏观观测点",
  quake_reports_point_month_key: "该观测点当月的月报",
  quake_reports_point_id_fkey: "该宏观观测点（已有月报）",
});

/** A report is filed for a point the caller can see, and lives in that point's region. */
async function pointRegion(db: Conn, scope: Scope, input: Record<string, unknown>) {
  const qb = db
    .selectFrom("quake_points")
    .select(["region_id", "started_on"])
    .where("id", "=", Number(input.pointId));
  const point = await whereInScope(qb, scope, "quake_points.region_path").executeTakeFirst();
  if (!point) throw new AppError("NOT_FOUND", { entity: pointEntity.label });
  return point.region_id;
}

export const LEDGERS: readonly Ledger[] = [
  { path: "approvals", table: "quake_approvals", entity: approvalEntity, input: approvalInput },
  { path: "points", table: "quake_points", entity: pointEntity, input: pointInput },
  {
    path: "reports",
    table: "quake_reports",
    entity: reportEntity,
    input: reportInput,
    regionOf: pointRegion,
  },
  { path: "terminals", table: "quake_terminals", entity: terminalEntity, input: terminalInput },
  { path: "shelters", table: "quake_shelters", entity: shelterEntity, input: shelterInput },
  { path: "drills", table: "quake_drills", entity: drillEntity, input: drillInput },
];
