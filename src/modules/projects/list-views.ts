import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ListView } from "../../core/entity/list-view.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";
import { PROJECT_LEVELS } from "./entities.ts";
import { ACTIVE_STATUSES } from "./lifecycle.ts";

/*
 * The selections behind the project figures, shared by the metrics and the project list so
 * the two cannot drift. Both read the dated history (project_transitions), never the
 * current status.
 */

/** A transition (alias t) into one of `statuses` within from..to. */
export function transitionInto(
  statuses: readonly string[],
  from: string,
  to: string,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`t.to_status in (${sql.join([...statuses])})
    and t.occurred_on between ${from}::date and ${to}::date`;
}

/** Status of each project of the subtree as of the end of `date` (or before it when `strict`). */
export function statusAt(regionPath: string, date: string, strict: boolean) {
  const cmp = strict ? sql`t.occurred_on < ${date}::date` : sql`t.occurred_on <= ${date}::date`;
  return sql`(select distinct on (t.project_id) t.project_id, t.to_status
    from project_transitions t where t.region_path like ${`${regionPath}%`} and ${cmp}
    order by t.project_id, t.occurred_on desc, t.id desc)`;
}

export const activeStatusList = sql.join(ACTIVE_STATUSES.map((s) => sql`${s}`));

export const APPLIED = ["推荐申报"] as const;
export const APPROVED = ["立项"] as const;
export const ACCEPTED = ["通过验收", "整改后通过"] as const;

export const PROJECT_VIEWS = ["applied", "approved", "active", "accepted"] as const;
export type ProjectView = (typeof PROJECT_VIEWS)[number];

function moved(statuses: readonly string[], v: ListView) {
  return sql<SqlBool>`exists (select 1 from project_transitions t
    where t.project_id = projects.id and ${transitionInto(statuses, v.from, v.to)})`;
}

/** The list condition of a view, on the projects table (region comes from the list's scope). */
export function projectViewCondition(v: ListView<ProjectView>): RawBuilder<SqlBool> {
  switch (v.name) {
    case "applied":
      return moved(APPLIED, v);
    case "approved":
      return moved(APPROVED, v);
    case "accepted":
      return moved(ACCEPTED, v);
    case "active":
      return sql<SqlBool>`projects.id in (select st.project_id from ${statusAt("", v.to, false)} st
        where st.to_status in (${activeStatusList}))`;
  }
}

/** funds_secured sums the approved funds of the projects 立项 in the period: list those. */
const METRIC_VIEWS: Record<string, ProjectView> = {
  "projects.applications": "applied",
  "projects.approvals": "approved",
  "projects.new": "approved",
  "projects.funds_secured": "approved",
  "projects.active": "active",
  "projects.accepted": "accepted",
};

/**
 * The project list showing exactly the projects a metric counts (or sums), if it has one;
 * a level variant (projects.approvals.provincial) adds the list's own 级别 filter.
 */
export function projectRecordsLink(metric: string, s: MetricScope): string | undefined {
  const level = PROJECT_LEVELS.find((l) => metric.endsWith(`.${l.code}`));
  const family = level ? metric.slice(0, -level.code.length - 1) : metric;
  const view = METRIC_VIEWS[family];
  if (!view) return undefined;
  const q = new URLSearchParams({ regionId: String(s.regionId), view, from: s.from, to: s.to });
  if (level) q.set("level", level.value);
  return `/projects?${q.toString()}`;
}
