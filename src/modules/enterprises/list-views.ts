import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ListView } from "../../core/entity/list-view.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";

/*
 * The selections behind the enterprise figures, shared by the metrics (which count distinct
 * enterprises) and the enterprise list (which shows them), so the two cannot drift.
 * Qualification predicates read alias q (enterprise_qualifications) joined with k
 * (qualification_kinds); application predicates read alias a (enterprise_applications).
 */

export type Category = "hte" | "reserve" | "tsme";

/** A qualification of the category valid on `day`. */
export function heldOn(category: Category, day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`k.category = ${category}
    and coalesce(q.issued_on, make_date(q.year, 1, 1)) <= ${day}::date
    and q.expires_on >= ${day}::date`;
}

/** A qualification of the category entered for a year in y1..y2 (yearly kinds). */
export function enteredInYears(category: Category, y1: number, y2: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`k.category = ${category} and q.year between ${y1} and ${y2}`;
}

/** An HTE application filed in the period (only those passed when `passedOnly`). */
export function hteAppliedIn(from: string, to: string, passedOnly: boolean): RawBuilder<SqlBool> {
  return sql<SqlBool>`k.category = 'hte' and a.applied_on between ${from}::date and ${to}::date
    ${passedOnly ? sql`and a.result = '通过'` : sql``}`;
}

/** The calendar years a period touches (yearly figures are annual). */
export function yearsOf(p: { from: string; to: string }): [number, number] {
  return [Number(p.from.slice(0, 4)), Number(p.to.slice(0, 4))];
}

export const ENTERPRISE_VIEWS = [
  "hte_valid",
  "hte_applied",
  "hte_passed",
  "reserve_added",
  "tsme_registered",
] as const;
export type EnterpriseView = (typeof ENTERPRISE_VIEWS)[number];

function qualified(cond: RawBuilder<SqlBool>) {
  return sql<SqlBool>`exists (select 1 from enterprise_qualifications q
    join qualification_kinds k on k.code = q.kind_code
    where q.enterprise_id = enterprises.id and ${cond})`;
}

function applied(cond: RawBuilder<SqlBool>) {
  return sql<SqlBool>`exists (select 1 from enterprise_applications a
    join qualification_kinds k on k.code = a.kind_code
    where a.enterprise_id = enterprises.id and ${cond})`;
}

/** The list condition of a view, on the enterprises table. */
export function enterpriseViewCondition(v: ListView<EnterpriseView>): RawBuilder<SqlBool> {
  const [y1, y2] = yearsOf(v);
  switch (v.name) {
    case "hte_valid":
      return qualified(heldOn("hte", v.to));
    case "hte_applied":
      return applied(hteAppliedIn(v.from, v.to, false));
    case "hte_passed":
      return applied(hteAppliedIn(v.from, v.to, true));
    case "reserve_added":
      return qualified(enteredInYears("reserve", y1, y2));
    case "tsme_registered":
      return qualified(enteredInYears("tsme", y1, y2));
  }
}

const METRIC_VIEWS: Record<string, EnterpriseView> = {
  "enterprises.hte.valid": "hte_valid",
  "enterprises.hte.applied": "hte_applied",
  "enterprises.hte.passed": "hte_passed",
  "enterprises.reserve.added": "reserve_added",
  "enterprises.tsme.registered": "tsme_registered",
};

/** The enterprise list showing exactly the enterprises a metric counts, if it has one. */
export function enterpriseRecordsLink(metric: string, s: MetricScope): string | undefined {
  const view = METRIC_VIEWS[metric];
  if (!view) return undefined;
  const q = new URLSearchParams({ regionId: String(s.regionId), view, from: s.from, to: s.to });
  return `/enterprises?${q.toString()}`;
}
