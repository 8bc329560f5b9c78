import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ListView } from "../../core/entity/list-view.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";

/*
 * The selections behind the commissioner figures, shared by the metrics, the coverage table
 * and the commissioner list, so a figure and the list it links to cannot drift.
 */

/** An assignment (alias a) in service on some day of from..to. */
export function assignmentOverlaps(from: string, to: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`a.starts_on <= ${to}::date and (a.ends_on is null or a.ends_on >= ${from}::date)`;
}

export const COMMISSIONER_VIEWS = ["in_service", "covering"] as const;
export type CommissionerView = (typeof COMMISSIONER_VIEWS)[number];

/**
 * The list condition of a view, on the commissioners table. "covering": serving a town
 * (乡镇, or a village under it) inside the region `servedRegionId` — what the coverage
 * figures count, wherever the commissioner was selected.
 */
export function commissionerViewCondition(
  v: ListView<CommissionerView>,
  servedRegionId: number | undefined,
): RawBuilder<SqlBool> {
  const overlap = assignmentOverlaps(v.from, v.to);
  const mine = sql<SqlBool>`a.commissioner_id = commissioners.id`;
  if (v.name === "in_service") {
    return sql<SqlBool>`exists (select 1 from commissioner_assignments a where ${mine} and ${overlap})`;
  }
  const region = servedRegionId
    ? sql`(select r.path from regions r where r.id = ${servedRegionId})`
    : sql`''`;
  return sql<SqlBool>`exists (select 1 from commissioner_assignments a
    join regions t on t.level = 4 and a.region_path like t.path || '%'
    where ${mine} and ${overlap} and t.path like ${region} || '%')`;
}

/** The commissioner list behind a metric: the commissioners it counts or who cover its towns. */
export function commissionerRecordsLink(metric: string, s: MetricScope): string | undefined {
  const base = { tab: "commissioners", from: s.from, to: s.to };
  let q: URLSearchParams;
  if (metric === "commissioners.count") {
    q = new URLSearchParams({ ...base, regionId: String(s.regionId), view: "in_service" });
  } else if (metric === "commissioners.coverage" || metric === "commissioners.towns_covered") {
    q = new URLSearchParams({ ...base, servedRegionId: String(s.regionId), view: "covering" });
  } else {
    return undefined;
  }
  return `/fieldwork?${q.toString()}`;
}
