import type { Conn } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { AppError } from "../../core/errors.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import type { CellResolver, Ledger, Values } from "../platforms/ledger/engine.ts";
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

registerConstraintLabels({
  quake_points_name_key: "该地区同名的宏观观测点",
  quake_reports_point_month_key: "该观测点当月的月报",
  quake_reports_point_id_fkey: "该宏观观测点（已有月报）",
});

/** A report is filed for a point the caller can see, and lives in that point's region. */
async function pointRegion(db: Conn, scope: Scope, input: Values): Promise<number> {
  const qb = db
    .selectFrom("quake_points")
    .select("region_id")
    .where("id", "=", Number(input.pointId));
  const point = await whereInScope(qb, scope, "quake_points.region_path").executeTakeFirst();
  if (!point) throw new AppError("NOT_FOUND", { entity: pointEntity.label });
  return point.region_id;
}

/** Report files name the point; it must be exactly one point in the caller's scope. */
async function pointByName(db: Conn, scope: Scope): Promise<CellResolver> {
  const rows = await whereInScope(
    db.selectFrom("quake_points").select(["id", "name"]),
    scope,
    "quake_points.region_path",
  ).execute();
  const byName = new Map<string, number[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
  return async (row) => {
    const name = typeof row.pointName === "string" ? row.pointName : "";
    const ids = byName.get(name) ?? [];
    if (ids.length === 1) {
      row.pointId = ids[0];
      return [];
    }
    const message = !name
      ? "请填写观测点名称"
      : ids.length === 0
        ? `“${name}”不是您数据范围内的宏观观测点`
        : `“${name}”有重名观测点，请在观测点台账中区分后再导入`;
    return [{ key: "pointName", message }];
  };
}

/*
 * The six 防震减灾 ledgers run on the shared ledger engine (scoped CRUD, Excel export,
 * template and all-or-nothing import); each names the natural key an import matches on.
 */
export const LEDGERS: readonly Ledger[] = [
  {
    base: "/api/quake/approvals",
    table: "quake_approvals",
    entity: approvalEntity,
    input: approvalInput,
    naturalKey: (v) => ({ project_name: v.project_name, approved_on: v.approved_on }),
  },
  {
    base: "/api/quake/points",
    table: "quake_points",
    entity: pointEntity,
    input: pointInput,
    naturalKey: (v) => ({ name: v.name }),
  },
  {
    base: "/api/quake/reports",
    table: "quake_reports",
    entity: reportEntity,
    input: reportInput,
    naturalKey: (v) => ({ point_id: v.point_id, month: v.month }),
    extras: {
      point_name: "(select p.name from quake_points p where p.id = quake_reports.point_id)",
    },
    regionOf: pointRegion,
    importResolver: pointByName,
  },
  {
    base: "/api/quake/terminals",
    table: "quake_terminals",
    entity: terminalEntity,
    input: terminalInput,
    naturalKey: (v) => ({ site: v.site }),
  },
  {
    base: "/api/quake/shelters",
    table: "quake_shelters",
    entity: shelterEntity,
    input: shelterInput,
    naturalKey: (v) => ({ name: v.name }),
  },
  {
    base: "/api/quake/drills",
    table: "quake_drills",
    entity: drillEntity,
    input: drillInput,
    naturalKey: (v) => ({ held_on: v.held_on, place: v.place }),
  },
];
