import { type RawBuilder, sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { type Category, enteredInYears, heldOn, hteAppliedIn, yearsOf } from "./list-views.ts";

/*
 * Enterprise metrics. Qualifications and applications are dated events (flows by date,
 * stocks at the period end); yearly figures are annual, so a period covers the calendar
 * years it touches (2026H1 → 2026).
 */

const years = yearsOf;

function like(scope: Pick<MetricScope, "regionPath">): string {
  return `${scope.regionPath}%`;
}

async function one(db: Conn, query: RawBuilder<{ n: number | null }>) {
  const r = await query.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Enterprises holding a qualification of the category valid on `day`. */
export function validHolders(db: Conn, scope: MetricScope, category: Category, day: string) {
  return one(
    db,
    sql<{ n: number }>`select count(distinct q.enterprise_id)::int as n
      from enterprise_qualifications q join qualification_kinds k on k.code = q.kind_code
      where q.region_path like ${like(scope)} and ${heldOn(category, day)}`,
  );
}

function byYearHolders(db: Conn, scope: MetricScope, category: Category) {
  return one(
    db,
    sql<{ n: number }>`select count(distinct q.enterprise_id)::int as n
      from enterprise_qualifications q join qualification_kinds k on k.code = q.kind_code
      where q.region_path like ${like(scope)} and ${enteredInYears(category, ...years(scope))}`,
  );
}

function applications(db: Conn, scope: MetricScope, passedOnly: boolean) {
  return one(
    db,
    sql<{ n: number }>`select count(distinct a.enterprise_id)::int as n
      from enterprise_applications a join qualification_kinds k on k.code = a.kind_code
      where a.region_path like ${like(scope)} and ${hteAppliedIn(scope.from, scope.to, passedOnly)}`,
  );
}

/** Sum of a yearly column over the enterprises in scope for the years y1..y2. */
export function yearlySum(
  db: Conn,
  scope: Pick<MetricScope, "regionPath">,
  column: "rd_expense" | "revenue" | "hitech_income" | "super_deduction",
  y1: number,
  y2: number,
) {
  return one(
    db,
    sql<{ n: number | null }>`select sum(${sql.ref(column)}) as n from enterprise_yearly
      where region_path like ${like(scope)} and year between ${y1} and ${y2}`,
  );
}

/**
 * A hand-entered region-year figure for a subtree: the rows of the highest level present
 * (the region itself if entered, else the sum over its counties or towns), so a county
 * figure and its towns' figures are never added together.
 */
export function regionYearFigure(
  db: Conn,
  scope: Pick<MetricScope, "regionPath">,
  column: "gdp" | "hitech_output" | "population",
  y1: number,
  y2: number = y1,
) {
  const col = sql.ref(`f.${column}`);
  return one(
    db,
    sql<{ n: number | null }>`select sum(${col}) as n from region_year_figures f
      join regions r on r.id = f.region_id
      where f.region_path like ${like(scope)} and f.year between ${y1} and ${y2}
      and ${col} is not null
      and r.level = (select min(r2.level) from region_year_figures f2
        join regions r2 on r2.id = f2.region_id
        where f2.region_path like ${like(scope)} and f2.year = f.year
        and ${sql.ref(`f2.${column}`)} is not null)`,
  );
}

const M = (def: MetricDef) => defineMetric(def);

export const enterpriseMetrics: readonly MetricDef[] = [
  M({
    id: "enterprises.hte.valid",
    label: "有效高新技术企业数",
    unit: "家",
    kind: "stock",
    description: "期末当日持有有效期内国家高新技术企业证书的企业数（证书自发证日起3年有效）",
    compute: (db, s) => validHolders(db, s, "hte", s.to),
  }),
  M({
    id: "enterprises.hte.new",
    label: "新认定高新技术企业数",
    unit: "家",
    kind: "flow",
    description: "发证日期在期间内的国家高新技术企业数（含重新认定）",
    compute: (db, s) =>
      one(
        db,
        sql<{ n: number }>`select count(distinct q.enterprise_id)::int as n
          from enterprise_qualifications q join qualification_kinds k on k.code = q.kind_code
          where k.category = 'hte' and q.region_path like ${like(s)}
          and q.issued_on between ${s.from}::date and ${s.to}::date`,
      ),
  }),
  M({
    id: "enterprises.hte.applied",
    label: "申报高新技术企业数",
    unit: "家",
    kind: "flow",
    description: "申报日期在期间内的高新技术企业认定申报企业数",
    compute: (db, s) => applications(db, s, false),
  }),
  M({
    id: "enterprises.hte.passed",
    label: "通过高新技术企业认定数",
    unit: "家",
    kind: "flow",
    description: "申报日期在期间内、结果为“通过”的高新技术企业认定申报企业数",
    compute: (db, s) => applications(db, s, true),
  }),
  M({
    id: "enterprises.reserve.added",
    label: "省级高企培育库入库企业数",
    unit: "家",
    kind: "flow",
    description: "入库年度在期间所属年度内的省级高新技术企业培育库（备案）企业数",
    compute: (db, s) => byYearHolders(db, s, "reserve"),
  }),
  M({
    id: "enterprises.tsme.registered",
    label: "科技型中小企业入库数",
    unit: "家",
    kind: "flow",
    description: "入库年度在期间所属年度内的科技型中小企业数（入库编号当年有效）",
    compute: (db, s) => byYearHolders(db, s, "tsme"),
  }),
  M({
    id: "enterprises.rd.total",
    label: "企业研发投入",
    unit: "元",
    kind: "flow",
    description: "期间所属年度内，区域内企业年度数据中研发费用之和",
    compute: (db, s) => yearlySum(db, s, "rd_expense", ...years(s)),
  }),
  M({
    id: "enterprises.rd.growth",
    label: "企业研发投入增速",
    unit: "%",
    kind: "ratio",
    description: "企业研发投入较上年同期（上一年度）的增长率；上年为0时记为0",
    async compute(db, s) {
      const [y1, y2] = years(s);
      const now = await yearlySum(db, s, "rd_expense", y1, y2);
      const before = await yearlySum(db, s, "rd_expense", y1 - 1, y2 - 1);
      return before === 0 ? 0 : (now - before) / before;
    },
  }),
  M({
    id: "enterprises.rd.gdp_share",
    label: "企业研发投入占GDP比重",
    unit: "%",
    kind: "ratio",
    description: "企业研发投入 ÷ 地区生产总值（按地区年度数据录入的GDP）；未录入GDP时记为0",
    async compute(db, s) {
      const [y1, y2] = years(s);
      const gdp = await regionYearFigure(db, s, "gdp", y1, y2);
      if (gdp === 0) return 0;
      return (await yearlySum(db, s, "rd_expense", y1, y2)) / gdp;
    },
  }),
  M({
    id: "enterprises.hitech.output",
    label: "高新技术产业总产值",
    unit: "元",
    kind: "flow",
    description: "按地区年度数据录入的高新技术产业总产值（期间所属年度）",
    compute: (db, s) => regionYearFigure(db, s, "hitech_output", ...years(s)),
  }),
  M({
    id: "enterprises.scale.count",
    label: "规模以上企业数",
    unit: "家",
    kind: "stock",
    description: "期末所属年度年度数据标记为规上的企业数",
    compute: (db, s) =>
      one(
        db,
        sql<{ n: number }>`select count(*)::int as n from enterprise_yearly
          where region_path like ${like(s)} and year = ${years(s)[1]} and above_scale`,
      ),
  }),
  M({
    id: "enterprises.superdeduction.count",
    label: "享受研发费用加计扣除企业数",
    unit: "家",
    kind: "flow",
    description: "期间所属年度内研发费用加计扣除额大于0的企业数",
    compute: (db, s) => {
      const [y1, y2] = years(s);
      return one(
        db,
        sql<{ n: number }>`select count(distinct enterprise_id)::int as n from enterprise_yearly
          where region_path like ${like(s)} and year between ${y1} and ${y2}
          and super_deduction > 0`,
      );
    },
  }),
];
