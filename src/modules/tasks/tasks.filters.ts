import { type Expression, type SqlBool, sql } from "kysely";
import { z } from "zod";
import { loadCalendar } from "../../core/calendar/calendar.repository.ts";
import type { WorkCalendar } from "../../core/calendar/calendar.ts";
import type { Conn } from "../../core/db/schema.ts";
import type { ListView } from "../../core/entity/list-view.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { type Light, TASK_SOURCES, TASK_STATUSES } from "./lifecycle.ts";
import { type TaskView, taskViewCondition } from "./list-views.ts";

/**
 * The one place that turns task-list filters into SQL, shared by GET /api/tasks and anyone
 * who links to or counts "the tasks the list would show" (dashboard links use the same
 * query-string keys as the list page):
 *   status     comma list of 待签收/办理中/…/已销号
 *   light      comma list of green/yellow/red/grey (or 绿/黄/红/灰), as of `asOf`
 *   source     one 任务来源
 *   leadUnitId the lead unit
 *   regionId   a region; its whole subtree
 *   year       tasks active in that year: assigned by 12-31, not completed before 01-01
 *              (the same rule as the tasks.total metric for a year period)
 *   q          part of the title
 *   asOf       the day the light is judged on (default today)
 *   mine=1     only tasks the caller's unit leads or cooperates on
 */

const LIGHT_NAMES: Readonly<Record<string, Light>> = {
  green: "green",
  绿: "green",
  yellow: "yellow",
  黄: "yellow",
  red: "red",
  红: "red",
  grey: "grey",
  gray: "grey",
  灰: "grey",
};

function commaList<T extends string>(allowed: (s: string) => T | undefined) {
  return z
    .string()
    .trim()
    .transform((s, ctx): T[] => {
      const out: T[] = [];
      for (const part of s.split(",").filter((p) => p !== "")) {
        const v = allowed(part.trim());
        if (v === undefined) {
          ctx.addIssue({ code: "custom", message: `“${part}”不是可选的值` });
          return z.NEVER;
        }
        if (!out.includes(v)) out.push(v);
      }
      return out;
    });
}

const statusOf = (s: string) => TASK_STATUSES.find((x) => x === s);
const sourceOf = (s: string) => TASK_SOURCES.find((x) => x === s);

const positiveId = z.coerce.number().int().positive();

export const taskFilterQuery = z.object({
  status: commaList(statusOf).optional(),
  light: commaList((s) => LIGHT_NAMES[s]).optional(),
  source: commaList(sourceOf).optional(),
  leadUnitId: positiveId.optional(),
  regionId: positiveId.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(100).optional(),
  asOf: isoDateString.optional(),
  mine: z.enum(["0", "1"]).optional(),
});
export type TaskFilterQuery = z.infer<typeof taskFilterQuery>;

/** Filters ready for SQL: the caller resolves `mine` and the as-of date. */
export interface TaskFilters {
  status?: readonly string[];
  light?: readonly Light[];
  source?: readonly string[];
  leadUnitId?: number;
  regionId?: number;
  year?: number;
  q?: string;
  /** Tasks this unit leads or cooperates on (mine=1, or a unit user's own view). */
  involvesUnitId?: number;
  /** The day lights are judged on; required when `light` is set. */
  asOf: string;
  /** A dashboard figure's selection (`view`, `from`, `to`; see list-views.ts). */
  view?: ListView<TaskView>;
}

/**
 * For each remind setting R (index), the first due date that is green on `asOf`: a task is
 * yellow while at most R working days lie in (asOf, due], i.e. due < the (R+1)-th working
 * day after asOf. Computed from the calendar in JS so the SQL filter equals lightOf().
 */
export function greenFrom(cal: WorkCalendar, asOf: string, maxRemind: number): string[] {
  const out: string[] = [];
  for (let r = 0; r <= maxRemind; r += 1) out.push(cal.addWorkdays(asOf, r + 1));
  return out;
}

const col = (c: string) => sql.ref(`tasks.${c}`);

function lightExpr(light: Light, asOf: string, bounds: readonly string[]): Expression<SqlBool> {
  const done = sql<SqlBool>`(${col("completed_on")} is not null and ${col("completed_on")} <= ${asOf}::date)`;
  if (light === "grey") return done;
  const open = sql<SqlBool>`not ${done}`;
  if (light === "red") return sql<SqlBool>`(${open} and ${col("due_on")} < ${asOf}::date)`;
  // Postgres arrays are 1-based: element R+1 is the bound for remind_workdays = R.
  const arr = sql`(array[${sql.join(bounds.map((b) => sql`${b}::date`))}])`;
  const bound = sql`${arr}[${col("remind_workdays")} + 1]`;
  if (light === "yellow")
    return sql<SqlBool>`(${open} and ${col("due_on")} >= ${asOf}::date and ${col("due_on")} < ${bound})`;
  return sql<SqlBool>`(${open} and ${col("due_on")} >= ${bound})`;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One SQL condition over the `tasks` table for the filters (scope is the caller's job: use
 * whereInScope on tasks.region_path). Reads the calendar and the largest remind setting
 * only when a light is asked for.
 */
export async function taskFilterWhere(
  db: Conn,
  f: TaskFilters,
  calendar?: WorkCalendar,
): Promise<Expression<SqlBool>> {
  const parts: Expression<SqlBool>[] = [];
  const inList = (c: string, values: readonly string[]) =>
    sql<SqlBool>`${col(c)} in (${sql.join(values.map((v) => sql`${v}`))})`;
  if (f.status?.length) parts.push(inList("status", f.status));
  if (f.source?.length) parts.push(inList("source", f.source));
  if (f.leadUnitId) parts.push(sql<SqlBool>`${col("lead_unit_id")} = ${f.leadUnitId}`);
  if (f.regionId)
    parts.push(
      sql<SqlBool>`${col("region_path")} like (select r.path from regions r where r.id = ${f.regionId}) || '%'`,
    );
  if (f.year) {
    const from = `${f.year}-01-01`;
    const to = `${f.year}-12-31`;
    parts.push(
      sql<SqlBool>`(${col("assigned_on")} <= ${to}::date and (${col("completed_on")} is null or ${col("completed_on")} >= ${from}::date))`,
    );
  }
  if (f.view) parts.push(taskViewCondition(f.view));
  if (f.q) parts.push(sql<SqlBool>`${col("title")} ilike ${`%${escapeLike(f.q)}%`}`);
  if (f.involvesUnitId !== undefined) {
    const u = f.involvesUnitId;
    parts.push(
      sql<SqlBool>`(${col("lead_unit_id")} = ${u} or exists (select 1 from task_units tu where tu.task_id = ${col("id")} and tu.unit_id = ${u}))`,
    );
  }
  if (f.light?.length) {
    const cal = calendar ?? (await loadCalendar(db));
    const m = await db
      .selectFrom("tasks")
      .select((eb) => eb.fn.max("remind_workdays").as("m"))
      .executeTakeFirst();
    const bounds = greenFrom(cal, f.asOf, Number(m?.m ?? 0));
    const lights = f.light.map((l) => lightExpr(l, f.asOf, bounds));
    parts.push(sql<SqlBool>`(${sql.join(lights, sql` or `)})`);
  }
  if (parts.length === 0) return sql<SqlBool>`true`;
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}
