import { sql } from "kysely";
import type { Conn, Task } from "../../core/db/schema.ts";
import { type ListPage, runList } from "../../core/entity/list.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import { type TaskFilters, taskFilterWhere } from "./tasks.filters.ts";

export type TaskRow = Task & { lead_unit_name: string; region_name: string };

export type TaskSort = "dueOn" | "-dueOn" | "assignedOn" | "-assignedOn" | "id" | "-id";
export const TASK_SORTS: readonly TaskSort[] = [
  "dueOn",
  "-dueOn",
  "assignedOn",
  "-assignedOn",
  "id",
  "-id",
];
const SORT_COLUMNS = { dueOn: "tasks.due_on", assignedOn: "tasks.assigned_on", id: "tasks.id" };

function baseQuery(db: Conn, scope: Scope) {
  const qb = db
    .selectFrom("tasks")
    .innerJoin("units", "units.id", "tasks.lead_unit_id")
    .innerJoin("regions", "regions.id", "tasks.region_id")
    .selectAll("tasks")
    .select([
      sql<string>`coalesce(units.short_name, units.name)`.as("lead_unit_name"),
      "regions.name as region_name",
    ]);
  return whereInScope(qb, scope, "tasks.region_path");
}

/** One page of the tasks in scope that match the filters (see tasks.filters.ts). */
export async function listTasks(
  db: Conn,
  scope: Scope,
  f: TaskFilters,
  page: { page: number; pageSize: number; sort: TaskSort },
): Promise<ListPage<TaskRow>> {
  const qb = baseQuery(db, scope).where(await taskFilterWhere(db, f));
  const desc = page.sort.startsWith("-");
  const key = (desc ? page.sort.slice(1) : page.sort) as keyof typeof SORT_COLUMNS;
  return runList(
    qb,
    {
      page: page.page,
      pageSize: page.pageSize,
      sort: { column: SORT_COLUMNS[key], desc },
      searchColumns: [],
      filters: [],
    },
    "tasks.id",
  );
}

/** A task in scope; `onlyUnitId` hides it unless that unit leads or cooperates on it. */
export async function getTask(
  db: Conn,
  scope: Scope,
  id: number,
  onlyUnitId: number | null = null,
): Promise<TaskRow | undefined> {
  let qb = baseQuery(db, scope).where("tasks.id", "=", id);
  if (onlyUnitId !== null)
    qb = qb.where(await taskFilterWhere(db, { involvesUnitId: onlyUnitId, asOf: "" }));
  return qb.executeTakeFirst();
}

/** The task row locked for a status move (scope-checked). */
export function lockTask(db: Conn, scope: Scope, id: number): Promise<Task | undefined> {
  return db
    .selectFrom("tasks")
    .selectAll()
    .where("id", "=", id)
    .where("region_path", "like", `${scope.regionPath}%`)
    .forUpdate()
    .executeTakeFirst();
}

export interface UnitRef {
  id: number;
  name: string;
}

/** Cooperating units of each task. */
export async function coUnitsOf(db: Conn, taskIds: number[]): Promise<Map<number, UnitRef[]>> {
  const out = new Map<number, UnitRef[]>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .selectFrom("task_units")
    .innerJoin("units", "units.id", "task_units.unit_id")
    .select([
      "task_units.task_id",
      "units.id",
      sql<string>`coalesce(units.short_name, units.name)`.as("name"),
    ])
    .where("task_units.task_id", "in", taskIds)
    .orderBy("units.sort")
    .execute();
  for (const r of rows) {
    const list = out.get(r.task_id) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.task_id, list);
  }
  return out;
}

/** Latest reported percent of each task. */
export async function latestPercents(db: Conn, taskIds: number[]): Promise<Map<number, number>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("task_progress")
    .select(["task_id", "percent"])
    .distinctOn("task_id")
    .where("task_id", "in", taskIds)
    .where("percent", "is not", null)
    .orderBy("task_id")
    .orderBy("reported_on", "desc")
    .orderBy("id", "desc")
    .execute();
  return new Map(rows.map((r) => [r.task_id, r.percent ?? 0]));
}

export function milestonesOf(db: Conn, taskId: number) {
  return db
    .selectFrom("task_milestones")
    .select(["id", "title", "due_on", "done_on"])
    .where("task_id", "=", taskId)
    .orderBy("sort")
    .orderBy("id")
    .execute();
}

export function transitionsOf(db: Conn, taskId: number) {
  return db
    .selectFrom("task_transitions")
    .selectAll()
    .where("task_id", "=", taskId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

export function progressOf(db: Conn, taskId: number) {
  return db
    .selectFrom("task_progress")
    .innerJoin("units", "units.id", "task_progress.unit_id")
    .selectAll("task_progress")
    .select(sql<string>`coalesce(units.short_name, units.name)`.as("unit_name"))
    .where("task_id", "=", taskId)
    .orderBy("reported_on", "desc")
    .orderBy("task_progress.id", "desc")
    .execute();
}

/** The acting user's unit (id and kind), read fresh so a changed unit applies at once. */
export async function actorUnit(
  db: Conn,
  userId: number,
): Promise<{ unitId: number | null; unitKind: string | null }> {
  const r = await db
    .selectFrom("users")
    .leftJoin("units", "units.id", "users.unit_id")
    .select(["users.unit_id", "units.kind"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  return { unitId: r?.unit_id ?? null, unitKind: r?.kind ?? null };
}
