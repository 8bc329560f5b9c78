import { type RawBuilder, sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { regionYearFigure } from "../enterprises/metrics.ts";
import type { PatentType } from "./application-no.ts";

/*
 * Patent statistics: 申请 and 授权 are flows (filing / grant date in the period); 有效 is a
 * stock at the period end: granted on or before that day and not lapsed on or before it.
 */

function like(scope: Pick<MetricScope, "regionPath">): string {
  return `${scope.regionPath}%`;
}

async function one(db: Conn, query: RawBuilder<{ n: number | null }>) {
  const r = await query.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

function typeFilter(type?: PatentType) {
  return type ? sql`and p.patent_type = ${type}` : sql``;
}

export function applications(db: Conn, s: MetricScope, type?: PatentType) {
  return one(
    db,
    sql<{ n: number }>`select count(*)::int as n from patents p
      where p.region_path like ${like(s)} and p.filed_on between ${s.from}::date and ${s.to}::date
      ${typeFilter(type)}`,
  );
}

export function grants(db: Conn, s: MetricScope, type?: PatentType) {
  return one(
    db,
    sql<{ n: number }>`select count(*)::int as n from patents p
      where p.region_path like ${like(s)}
      and p.granted_on between ${s.from}::date and ${s.to}::date ${typeFilter(type)}`,
  );
}

/** In force at the end of `day`: granted that day counts, lapsed that day does not. */
export function validAt(
  db: Conn,
  s: Pick<MetricScope, "regionPath">,
  day: string,
  type?: PatentType,
) {
  return one(
    db,
    sql<{ n: number }>`select count(*)::int as n from patents p
      where p.region_path like ${like(s)} and p.granted_on <= ${day}::date
      and (p.lapsed_on is null or p.lapsed_on > ${day}::date) ${typeFilter(type)}`,
  );
}

/** 每万人口发明专利拥有量: valid inventions at `to` ÷ population (万人) of that year. */
export async function inventionsPer10k(db: Conn, s: MetricScope): Promise<number> {
  const population = await regionYearFigure(db, s, "population", Number(s.to.slice(0, 4)));
  if (population <= 0) return 0;
  return (await validAt(db, s, s.to, "发明")) / population;
}

/** Share of 规上 enterprises (yearly figures of the period-end year) holding a patent in force. */
export async function aboveScaleHoldingShare(db: Conn, s: MetricScope): Promise<number> {
  const r = await sql<{ total: number; holding: number }>`
    select count(*)::int as total,
      count(*) filter (where exists (select 1 from patents p where p.enterprise_id = y.enterprise_id
        and p.granted_on <= ${s.to}::date
        and (p.lapsed_on is null or p.lapsed_on > ${s.to}::date)))::int as holding
    from enterprise_yearly y
    where y.region_path like ${like(s)} and y.year = ${Number(s.to.slice(0, 4))} and y.above_scale`.execute(
    db,
  );
  const row = r.rows[0];
  return row && row.total > 0 ? row.holding / row.total : 0;
}

const SPLIT: [string, PatentType, string][] = [
  ["invention", "发明", "发明专利"],
  ["utility", "实用新型", "实用新型专利"],
  ["design", "外观设计", "外观设计专利"],
];

const M = (def: MetricDef) => defineMetric(def);

export const patentMetrics: readonly MetricDef[] = [
  M({
    id: "patents.applications",
    label: "专利申请量",
    unit: "件",
    kind: "flow",
    description: "申请日在期间内的专利申请件数（发明、实用新型、外观设计合计）",
    compute: (db, s) => applications(db, s),
  }),
  ...SPLIT.map(([key, type, label]) =>
    M({
      id: `patents.applications.${key}`,
      label: `${label}申请量`,
      unit: "件",
      kind: "flow",
      description: `申请日在期间内的${label}申请件数（含PCT进入国家阶段）`,
      compute: (db, s) => applications(db, s, type),
    }),
  ),
  M({
    id: "patents.grants",
    label: "专利授权量",
    unit: "件",
    kind: "flow",
    description: "授权公告日在期间内的专利件数（发明、实用新型、外观设计合计）",
    compute: (db, s) => grants(db, s),
  }),
  ...SPLIT.map(([key, type, label]) =>
    M({
      id: `patents.grants.${key}`,
      label: `${label}授权量`,
      unit: "件",
      kind: "flow",
      description: `授权公告日在期间内的${label}件数`,
      compute: (db, s) => grants(db, s, type),
    }),
  ),
  M({
    id: "patents.valid",
    label: "有效专利量",
    unit: "件",
    kind: "stock",
    description: "期末当日有效的专利件数：授权公告日不晚于期末，且未在期末或之前失效",
    compute: (db, s) => validAt(db, s, s.to),
  }),
  M({
    id: "patents.valid.invention",
    label: "有效发明专利量",
    unit: "件",
    kind: "stock",
    description: "期末当日有效的发明专利件数：授权公告日不晚于期末，且未在期末或之前失效",
    compute: (db, s) => validAt(db, s, s.to, "发明"),
  }),
  M({
    id: "patents.valid.invention_per_10k",
    label: "每万人口发明专利拥有量",
    unit: "件",
    kind: "ratio",
    description: "期末有效发明专利件数 ÷ 期末所属年度年末常住人口（万人）；未录入人口时记为0",
    compute: inventionsPer10k,
  }),
  M({
    id: "patents.above_scale_share",
    label: "拥有有效专利的规上企业占比",
    unit: "%",
    kind: "ratio",
    description: "期末所属年度规上企业中，期末当日拥有有效专利（关联到该企业）的企业所占比重",
    compute: aboveScaleHoldingShare,
  }),
];
