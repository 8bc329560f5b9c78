import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { loadCalendar } from "../../core/calendar/calendar.repository.ts";
import type { Conn, Database, Task } from "../../core/db/schema.ts";
import { formatDateCn } from "../../core/metrics/format.ts";
import type { Scope } from "../../core/scope.ts";
import { lightOf } from "./lifecycle.ts";

/**
 * In-product notifications. A notice goes either to a user or to a unit (every user of the
 * unit sees it). Read state is per user (notification_reads): one colleague reading a unit's
 * notice does not hide it from the others.
 */

export type NotificationKind =
  | "assigned"
  | "deadline_changed"
  /** The unit was taken off the task (no longer lead or cooperating). */
  | "released"
  | "due_soon"
  | "overdue"
  | "extension_requested"
  | "extension_approved"
  | "extension_refused"
  | "closing_requested"
  | "closing_returned"
  | "closed";

type TaskRef = Pick<Task, "id" | "region_path">;

interface Recipient {
  userId?: number | null;
  unitId?: number | null;
}

export async function notify(
  db: Conn,
  task: TaskRef,
  to: Recipient[],
  kind: NotificationKind,
  text: string,
  dedupe?: (r: Recipient) => string,
): Promise<number> {
  const rows = to
    .filter((r) => r.userId || r.unitId)
    .map((r) => ({
      region_path: task.region_path,
      user_id: r.userId ?? null,
      unit_id: r.unitId ?? null,
      kind,
      task_id: task.id,
      text,
      dedupe_key: dedupe ? dedupe(r) : null,
    }));
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto("notifications")
    .values(rows)
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .returning("id")
    .execute();
  return r.length;
}

function mine(scope: Scope, unitId: number | null) {
  return (eb: ExpressionBuilder<Database, "notifications">): Expression<SqlBool> => {
    const own = eb("notifications.user_id", "=", scope.userId);
    if (!unitId) return own;
    return eb.or([
      own,
      eb.and([
        eb("notifications.unit_id", "=", unitId),
        eb("notifications.region_path", "like", `${scope.homePath}%`),
      ]),
    ]);
  };
}

/** When this user read the notice, or null. */
function readAtOf(userId: number) {
  return sql<Date | null>`(select nr.read_at from notification_reads nr
    where nr.notification_id = notifications.id and nr.user_id = ${userId})`;
}

function unread(userId: number) {
  return sql<SqlBool>`not exists (select 1 from notification_reads nr
    where nr.notification_id = notifications.id and nr.user_id = ${userId})`;
}

export async function listMine(
  db: Conn,
  scope: Scope,
  unitId: number | null,
  opts: { unreadOnly?: boolean; limit?: number } = {},
) {
  let qb = db
    .selectFrom("notifications")
    .leftJoin("tasks", "tasks.id", "notifications.task_id")
    .selectAll("notifications")
    .select(["tasks.title as task_title", readAtOf(scope.userId).as("read_at")])
    .where(mine(scope, unitId));
  if (opts.unreadOnly) qb = qb.where(unread(scope.userId));
  const items = await qb
    .orderBy("notifications.created_at", "desc")
    .orderBy("notifications.id", "desc")
    .limit(opts.limit ?? 50)
    .execute();
  const c = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(mine(scope, unitId))
    .where(unread(scope.userId))
    .executeTakeFirst();
  return { items, unread: Number(c?.n ?? 0) };
}

/** Marks one (id) or all of the caller's notifications read for the caller; returns how many. */
export async function markRead(
  db: Conn,
  scope: Scope,
  unitId: number | null,
  id?: number,
): Promise<number> {
  let pick = db
    .selectFrom("notifications")
    .select([sql<number>`${scope.userId}::int`.as("user_id"), "notifications.id"])
    .where(mine(scope, unitId))
    .where(unread(scope.userId));
  if (id !== undefined) pick = pick.where("notifications.id", "=", id);
  const r = await db
    .insertInto("notification_reads")
    .columns(["user_id", "notification_id"])
    .expression(pick)
    .onConflict((oc) => oc.doNothing())
    .returning("notification_id")
    .execute();
  return r.length;
}

/**
 * 临近提醒 and 到期催办: for every open task whose light on `asOf` is yellow or red, one notice
 * per task, kind, due date and recipient (the lead unit; for 逾期 also the bureau user who
 * created the task). Idempotent: run it as often as you like. An approved extension moves the
 * due date and so allows a fresh reminder. Returns the number of notices created.
 */
export async function scanTaskDeadlines(db: Conn, asOf: string): Promise<number> {
  const cal = await loadCalendar(db);
  const tasks = await db
    .selectFrom("tasks")
    .selectAll()
    .where("status", "in", ["待签收", "办理中", "申请延期"])
    .where("assigned_on", "<=", asOf)
    .execute();
  let created = 0;
  for (const t of tasks) {
    const light = lightOf(t, asOf, cal);
    if (light !== "yellow" && light !== "red") continue;
    const kind: NotificationKind = light === "yellow" ? "due_soon" : "overdue";
    const due = formatDateCn(t.due_on);
    const text =
      light === "yellow"
        ? `任务“${t.title}”将于${due}到期，请抓紧办理`
        : `任务“${t.title}”已超过完成时限（${due}），请尽快办结或申请延期`;
    const to: Recipient[] = [{ unitId: t.lead_unit_id }];
    if (light === "red" && t.created_by) to.push({ userId: t.created_by });
    created += await notify(
      db,
      t,
      to,
      kind,
      text,
      (r) => `${kind}:${t.id}:${t.due_on}:${r.userId ? `u${r.userId}` : `d${r.unitId}`}`,
    );
  }
  return created;
}
