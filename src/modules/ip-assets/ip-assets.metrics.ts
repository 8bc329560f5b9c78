import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { whereInScope } from "../../core/scope.ts";
import { DESIGNATION_KINDS, type Level } from "./entities.ts";

/*
 * Pledges count in the period of their 登记日期. A designation is new in the period of its
 * 认定日期 (whatever its later status); it is valid at a day when recognised on or before
 * it, not past its 有效期至 (the expiry day itself still counts) and not yet revoked: one
 * revoked (撤销) on day D counts up to D−1, as platforms do; a 撤销 row without a date counts
 * on no day. A row marked 到期 without an expiry date is not valid on any day.
 */

async function pledgeFigures(db: Conn, scope: MetricScope) {
  const qb = db
    .selectFrom("ip_pledges")
    .select([
      sql<number>`count(*)::int`.as("count"),
      sql<number>`coalesce(sum(amount), 0)::numeric(18,2)`.as("amount"),
      sql<number>`count(distinct enterprise_id)::int`.as("enterprises"),
      sql<number>`coalesce(sum(patent_count), 0)::int`.as("patents"),
    ])
    .where("registered_on", ">=", scope.from)
    .where("registered_on", "<=", scope.to);
  const row = await whereInScope(qb, scope, "ip_pledges.region_path").executeTakeFirstOrThrow();
  return {
    count: Number(row.count),
    amount: Number(row.amount),
    enterprises: Number(row.enterprises),
    patents: Number(row.patents),
  };
}

function newDesignations(
  db: Conn,
  scope: MetricScope,
  filter: { level?: Level; kind?: string } = {},
) {
  let qb = db
    .selectFrom("ip_designations")
    .where("recognised_on", ">=", scope.from)
    .where("recognised_on", "<=", scope.to);
  if (filter.level) qb = qb.where("level", "=", filter.level);
  if (filter.kind) qb = qb.where("kind", "=", filter.kind);
  return whereInScope(qb, scope, "ip_designations.region_path");
}

async function countNew(db: Conn, scope: MetricScope, filter: { level?: Level; kind?: string }) {
  const row = await newDesignations(db, scope, filter)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Holders newly designated in the period, for the report's name list. */
export async function newDesignationHolders(
  db: Conn,
  scope: MetricScope,
  kind: string,
): Promise<{ id: number; name: string; entity: "enterprise" | "region" }[]> {
  const rows = await newDesignations(db, scope, { kind })
    .innerJoin("regions", "regions.id", "ip_designations.region_id")
    .leftJoin("enterprises", "enterprises.id", "ip_designations.enterprise_id")
    .select([
      "ip_designations.enterprise_id",
      "ip_designations.region_id",
      "enterprises.name as enterprise_name",
      "regions.name as region_name",
    ])
    .orderBy("ip_designations.recognised_on")
    .orderBy("ip_designations.id")
    .execute();
  return rows.map((r) =>
    r.enterprise_id !== null
      ? { id: r.enterprise_id, name: r.enterprise_name ?? "", entity: "enterprise" }
      : { id: r.region_id, name: r.region_name, entity: "region" },
  );
}

export async function validDesignations(db: Conn, scope: MetricScope, day: string) {
  const qb = db
    .selectFrom("ip_designations")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("recognised_on", "<=", day)
    .where(
      sql<boolean>`not (status = '撤销' and (revoked_on is null or revoked_on <= ${day}::date))`,
    )
    .where((eb) =>
      eb.or([
        eb.and([eb("expires_on", "is", null), eb("status", "<>", "到期")]),
        eb("expires_on", ">=", day),
      ]),
    );
  const row = await whereInScope(
    qb,
    scope,
    "ip_designations.region_path",
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

type PledgeFigure = keyof Awaited<ReturnType<typeof pledgeFigures>>;
const pledge = (key: PledgeFigure, label: string, unit: string, description: string) =>
  defineMetric({
    id: `ip.pledges.${key}`,
    label,
    unit,
    kind: "flow",
    description,
    compute: async (db, scope) => (await pledgeFigures(db, scope))[key],
  });

export const pledgesCount = pledge(
  "count",
  "知识产权质押融资笔数",
  "笔",
  "期间内（按质押登记日期）登记的知识产权质押融资笔数",
);
export const pledgesAmount = pledge(
  "amount",
  "知识产权质押融资金额",
  "元",
  "期间内（按质押登记日期）登记的知识产权质押融资金额合计",
);
export const pledgesEnterprises = pledge(
  "enterprises",
  "开展知识产权质押融资的企业",
  "家",
  "期间内登记过知识产权质押融资的企业数（一家企业多笔只计一次）",
);
export const pledgesPatents = pledge(
  "patents",
  "质押专利",
  "件",
  "期间内登记的各笔质押融资所质押专利件数合计",
);

export const designationsNew = defineMetric({
  id: "ip.designations.new",
  label: "新增知识产权荣誉与试点示范",
  unit: "项",
  kind: "flow",
  description: "认定日期在期间内的知识产权示范/优势企业、贯标企业及知识产权强县等称号数",
  compute: (db, scope) => countNew(db, scope, {}),
});
export const designationsNewNational = defineMetric({
  id: "ip.designations.new.national",
  label: "新增国家级知识产权荣誉与试点示范",
  unit: "项",
  kind: "flow",
  description: "认定日期在期间内、级别为国家的知识产权称号数",
  compute: (db, scope) => countNew(db, scope, { level: "国家" }),
});
export const designationsNewProvincial = defineMetric({
  id: "ip.designations.new.provincial",
  label: "新增省级知识产权荣誉与试点示范",
  unit: "项",
  kind: "flow",
  description: "认定日期在期间内、级别为省的知识产权称号数",
  compute: (db, scope) => countNew(db, scope, { level: "省" }),
});
export const designationsValid = defineMetric({
  id: "ip.designations.valid",
  label: "有效知识产权荣誉与试点示范",
  unit: "项",
  kind: "stock",
  description:
    "期末当日有效的知识产权称号数：已认定、未过有效期（有效期至当日仍计）且未撤销；撤销日期晚于期末的仍计入",
  compute: (db, scope) => validDesignations(db, scope, scope.to),
});

/** One flow metric per dictionary kind, e.g. ip.designations.new.provincial_demo. */
export const designationKindMetrics: readonly MetricDef[] = DESIGNATION_KINDS.map((k) =>
  defineMetric({
    id: `ip.designations.new.${k.code}`,
    label: `新增${k.value}`,
    unit: k.holder === "enterprise" ? "家" : "个",
    kind: "flow",
    description: `认定日期在期间内的${k.value}数`,
    compute: (db, scope) => countNew(db, scope, { kind: k.value }),
  }),
);

export const ipAssetMetrics: readonly MetricDef[] = [
  pledgesCount,
  pledgesAmount,
  pledgesEnterprises,
  pledgesPatents,
  designationsNew,
  designationsNewNational,
  designationsNewProvincial,
  designationsValid,
  ...designationKindMetrics,
];
