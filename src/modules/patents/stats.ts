import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";
import { PATENT_TYPES, type PatentType } from "./application-no.ts";
import { applications, grants, validAt } from "./metrics.ts";

export interface TypeStats {
  type: PatentType | "合计";
  applications: number;
  grants: number;
  valid: number;
}

export interface MonthStats {
  month: string;
  applications: Record<PatentType, number>;
  grants: Record<PatentType, number>;
}

/** Counts by type for a period, through the same queries as the patents.* metrics. */
export async function statsByType(db: Conn, s: MetricScope): Promise<TypeStats[]> {
  const rows: TypeStats[] = [];
  for (const type of [...PATENT_TYPES, undefined]) {
    rows.push({
      type: type ?? "合计",
      applications: await applications(db, s, type),
      grants: await grants(db, s, type),
      valid: await validAt(db, s, s.to, type),
    });
  }
  return rows;
}

const zero = (): Record<PatentType, number> => ({ 发明: 0, 实用新型: 0, 外观设计: 0 });

/** Applications and grants per calendar month of the period (months without any included). */
export async function statsByMonth(db: Conn, s: MetricScope): Promise<MonthStats[]> {
  const r = await sql<{ month: string; kind: "a" | "g"; patent_type: PatentType; n: number }>`
    select to_char(d, 'YYYY-MM') as month, kind, patent_type, count(*)::int as n from (
      select filed_on as d, 'a' as kind, patent_type from patents
        where region_path like ${`${s.regionPath}%`}
        and filed_on between ${s.from}::date and ${s.to}::date
      union all
      select granted_on, 'g', patent_type from patents
        where region_path like ${`${s.regionPath}%`}
        and granted_on between ${s.from}::date and ${s.to}::date
    ) t group by 1, 2, 3`.execute(db);
  const months: MonthStats[] = [];
  const first = Number(s.from.slice(0, 4)) * 12 + Number(s.from.slice(5, 7)) - 1;
  const last = Number(s.to.slice(0, 4)) * 12 + Number(s.to.slice(5, 7)) - 1;
  for (let i = first; i <= last; i++) {
    const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    months.push({ month, applications: zero(), grants: zero() });
  }
  const byMonth = new Map(months.map((x) => [x.month, x]));
  for (const row of r.rows) {
    const target = byMonth.get(row.month);
    if (target) (row.kind === "a" ? target.applications : target.grants)[row.patent_type] = row.n;
  }
  return months;
}
