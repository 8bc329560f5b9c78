import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";

export interface MissingReport {
  pointId: number;
  pointName: string;
  regionName: string;
  observer: string;
  phone: string | null;
  /** 'YYYY-MM' */
  month: string;
}

/**
 * 缺报: every active point × month in [fromMonth, toMonth] — from the month the point was set
 * up, and only months before `nowMonth`: a month's report is filed once the month is over, so
 * the month under way is not yet late. A 零报告 is a filed report.
 */
export async function missingReports(
  db: Conn,
  regionPath: string,
  fromMonth: string,
  toMonth: string,
  nowMonth: string,
): Promise<MissingReport[]> {
  const [y, m] = nowMonth.split("-").map(Number) as [number, number];
  const lastOver = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const last = toMonth < lastOver ? toMonth : lastOver;
  const r = await sql<MissingReport>`
    select p.id as "pointId", p.name as "pointName", g.name as "regionName",
      p.observer, p.phone, to_char(m, 'YYYY-MM') as month
    from quake_points p
    join regions g on g.id = p.region_id
    cross join lateral generate_series(
      greatest(date_trunc('month', p.started_on::timestamp), ${`${fromMonth}-01`}::timestamp),
      ${`${last}-01`}::timestamp,
      interval '1 month'
    ) as m
    where p.active and p.region_path like ${`${regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
      and not exists (
        select 1 from quake_reports q where q.point_id = p.id and q.month = to_char(m, 'YYYY-MM')
      )
    order by month, g.path, p.name`.execute(db);
  return r.rows.map((row) => ({ ...row, pointId: Number(row.pointId) }));
}

/** 'YYYY-MM' of today (server local date). */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}
