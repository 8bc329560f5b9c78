import { sql } from "kysely";
import type { Conn } from "../../core/db/schema.ts";
import { defineMetric, type MetricDef, type MetricScope } from "../../core/metrics/metric.ts";
import { closedIn as closedCond, overdueOn, tasksInPeriod } from "./list-views.ts";

/*
 * Task counts from the dates on the task (handed out, completed, due), never from the
 * current status alone, so a past period keeps its figures. 完成 is the day the lead unit
 * handed in the closing report that the bureau then confirmed. A task counts where it is
 * registered (its region path). Overdue uses the current due date (after any extension).
 */

async function one(db: Conn, q: ReturnType<typeof sql<{ v: number }>>): Promise<number> {
  const r = await q.execute(db);
  return Number(r.rows[0]?.v ?? 0);
}

const like = (s: MetricScope) => `${s.regionPath}%`;

export const tasksTotal = defineMetric({
  id: "tasks.total",
  label: "督查督办任务数",
  unit: "项",
  kind: "flow",
  description: "期末以前交办、且未在期初以前办结的督查督办任务数（即期间内在办或办结的任务）",
  compute: (db, s) =>
    one(
      db,
      sql<{ v: number }>`select count(*)::int as v from tasks
        where region_path like ${like(s)} and ${tasksInPeriod(s.from, s.to)}`,
    ),
});

function closedIn(db: Conn, s: MetricScope, outcome: "按期" | "逾期") {
  return one(
    db,
    sql<{ v: number }>`select count(*)::int as v from tasks
      where region_path like ${like(s)} and ${closedCond(outcome, s.from, s.to)}`,
  );
}

export const tasksClosed = defineMetric({
  id: "tasks.closed",
  label: "按期办结任务数",
  unit: "项",
  kind: "flow",
  description: "期间内在完成时限以内办结（经督办部门确认）的督查督办任务数",
  compute: (db, s) => closedIn(db, s, "按期"),
});

export const tasksClosedLate = defineMetric({
  id: "tasks.closed_late",
  label: "逾期办结任务数",
  unit: "项",
  kind: "flow",
  description: "期间内办结、但办结时已超过完成时限的督查督办任务数",
  compute: (db, s) => closedIn(db, s, "逾期"),
});

export const tasksOverdue = defineMetric({
  id: "tasks.overdue",
  label: "逾期未办结任务数",
  unit: "项",
  kind: "stock",
  description: "期末已超过完成时限、截至期末仍未办结的督查督办任务数",
  compute: (db, s) =>
    one(
      db,
      sql<{ v: number }>`select count(*)::int as v from tasks
        where region_path like ${like(s)} and ${overdueOn(s.to)}`,
    ),
});

export const taskMetrics: readonly MetricDef[] = [
  tasksTotal,
  tasksClosed,
  tasksClosedLate,
  tasksOverdue,
];
