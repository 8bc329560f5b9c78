import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ListView } from "../../core/entity/list-view.ts";
import type { MetricScope } from "../../core/metrics/metric.ts";

/*
 * The selections behind the task figures, shared by the metrics (tasks.metrics.ts) and the
 * task list, so a figure and the list it links to cannot drift. Conditions read the tasks
 * table by its own name.
 */

export const TASK_VIEWS = ["total", "closed", "closed_late", "overdue"] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

/** Handed out by the period end and not closed before it began (in hand or closed in it). */
export function tasksInPeriod(from: string, to: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`tasks.assigned_on <= ${to}::date
    and (tasks.completed_on is null or tasks.completed_on >= ${from}::date)`;
}

/** Closed within the period, on time (按期) or late (逾期). */
export function closedIn(outcome: "按期" | "逾期", from: string, to: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`tasks.outcome = ${outcome}
    and tasks.completed_on between ${from}::date and ${to}::date`;
}

/** Past its (current) due date on `day` and not closed by then. */
export function overdueOn(day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`tasks.assigned_on <= ${day}::date and tasks.due_on < ${day}::date
    and (tasks.completed_on is null or tasks.completed_on > ${day}::date)`;
}

export function taskViewCondition(v: ListView<TaskView>): RawBuilder<SqlBool> {
  switch (v.name) {
    case "total":
      return tasksInPeriod(v.from, v.to);
    case "closed":
      return closedIn("按期", v.from, v.to);
    case "closed_late":
      return closedIn("逾期", v.from, v.to);
    case "overdue":
      return overdueOn(v.to);
  }
}

/** The task list showing exactly the tasks a metric counts, if it has one. */
export function taskRecordsLink(metric: string, s: MetricScope): string | undefined {
  const view = TASK_VIEWS.find((v) => metric === `tasks.${v}`);
  if (!view) return undefined;
  const q = new URLSearchParams({ regionId: String(s.regionId), view, from: s.from, to: s.to });
  return `/tasks?${q.toString()}`;
}
