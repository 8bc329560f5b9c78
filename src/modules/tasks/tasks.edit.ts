import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import { loadCalendar } from "../../core/calendar/calendar.repository.ts";
import type { WorkCalendar } from "../../core/calendar/calendar.ts";
import type { Conn, Task, TaskUpdate } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { formatDateCn } from "../../core/metrics/format.ts";
import { todayCst } from "../../core/report/composer.ts";
import type { Scope } from "../../core/scope.ts";
import { type TaskEditInput, taskEditInput, taskLabels } from "./entities.ts";
import { OPEN_STATUSES } from "./lifecycle.ts";
import { notify } from "./notifications.ts";
import * as repo from "./tasks.repository.ts";
import { checkUnits, invalid, LABEL, requireBureau } from "./tasks.service.ts";

/** Whether the bureau may still edit a task in this status (not once it is closed). */
export function editable(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/**
 * The due date after an edit. Only a changed deadline is recomputed: an unchanged "N working
 * days" must not silently undo an approved extension.
 */
function newDueOn(t: Task, input: TaskEditInput, cal: WorkCalendar): string {
  if (input.deadlineKind === "workdays") {
    const n = input.deadlineWorkdays ?? 0;
    if (t.deadline_kind === "workdays" && t.deadline_workdays === n) return t.due_on;
    return cal.addWorkdays(t.assigned_on, n);
  }
  return input.dueOn ?? t.due_on;
}

async function replaceCoUnits(db: Conn, t: Task, before: number[], after: number[]) {
  const removed = before.filter((u) => !after.includes(u));
  const added = after.filter((u) => !before.includes(u));
  if (removed.length > 0)
    await db
      .deleteFrom("task_units")
      .where("task_id", "=", t.id)
      .where("unit_id", "in", removed)
      .execute();
  if (added.length > 0)
    await db
      .insertInto("task_units")
      .values(added.map((u) => ({ task_id: t.id, unit_id: u, region_path: t.region_path })))
      .execute();
  return added;
}

/** Keeps milestones that come back with their id (and so their 完成日期), drops the rest. */
async function replaceMilestones(db: Conn, t: Task, input: TaskEditInput["milestones"]) {
  const existing = await repo.milestonesOf(db, t.id);
  const keep = new Set(input.flatMap((m) => (m.id ? [m.id] : [])));
  const gone = existing.filter((m) => !keep.has(m.id)).map((m) => m.id);
  if (gone.length > 0) await db.deleteFrom("task_milestones").where("id", "in", gone).execute();
  const known = new Set(existing.map((m) => m.id));
  for (const [i, m] of input.entries()) {
    if (m.id && known.has(m.id))
      await db
        .updateTable("task_milestones")
        .set({ title: m.title, due_on: m.dueOn, sort: i })
        .where("id", "=", m.id)
        .where("task_id", "=", t.id)
        .execute();
    else
      await db
        .insertInto("task_milestones")
        .values({
          task_id: t.id,
          region_path: t.region_path,
          title: m.title,
          due_on: m.dueOn,
          sort: i,
        })
        .execute();
  }
  return { before: existing, after: await repo.milestonesOf(db, t.id) };
}

/**
 * The bureau corrects a task it handed out: wording, source, units, deadline, milestones.
 * Version-checked and audited. A new lead unit must sign again (the task goes back to
 * 待签收); new units get the 交办 notice; units still on the task hear of a moved due date;
 * units taken off no longer see the task. The deadline reminders key on the due date, so a
 * new due date gets its own 临近/逾期 notices.
 */
export async function editTask(db: Conn, scope: Scope, id: number, raw: unknown): Promise<Task> {
  const caller = await requireBureau(db, scope);
  const input = parseInput(taskEditInput, raw, taskLabels);
  const t = await repo.lockTask(db, scope, id);
  if (!t) throw new AppError("NOT_FOUND", { entity: LABEL });
  if (!editable(t.status))
    throw new AppError("FORBIDDEN", { reason: `任务当前状态为“${t.status}”，不能再修改` });
  if (t.version !== input.version) throw new AppError("VERSION_CONFLICT", { entity: LABEL });

  const leadChanged = input.leadUnitId !== t.lead_unit_id;
  if (leadChanged && (t.status === "申请延期" || t.status === "申请办结"))
    throw new AppError("BAD_STATE", {
      message: `任务当前状态为“${t.status}”，请先审批该申请，再调整牵头单位`,
    });
  await checkUnits(db, t.region_path, [input.leadUnitId], "leadUnitId");
  const coUnitIds = [...new Set(input.coUnitIds)];
  await checkUnits(db, t.region_path, coUnitIds, "coUnitIds");

  const dueOn = newDueOn(t, input, await loadCalendar(db));
  if (dueOn < t.assigned_on) throw invalid("dueOn", "完成时限不能早于交办日期");
  const dueChanged = dueOn !== t.due_on;
  const extended = t.due_on !== t.original_due_on;
  const resign = leadChanged && t.status === "办理中";
  const patch: TaskUpdate = {
    title: input.title,
    content: input.content || null,
    source: input.source,
    source_doc: input.sourceDoc || null,
    lead_unit_id: input.leadUnitId,
    leader: input.leader || null,
    deadline_kind: input.deadlineKind,
    deadline_workdays: input.deadlineKind === "workdays" ? (input.deadlineWorkdays ?? null) : null,
    due_on: dueOn,
    // A correction before any extension moves the agreed date itself.
    original_due_on: extended ? t.original_due_on : dueOn,
    remind_workdays: input.remindWorkdays,
    ...(resign ? { status: "待签收", signed_by: null, signed_by_name: null, signed_at: null } : {}),
  };
  const updated = await db
    .updateTable("tasks")
    .set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .where("version", "=", input.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return explainMissedWrite(db, scope, "tasks", id, LABEL);

  const coBefore = ((await repo.coUnitsOf(db, [id])).get(id) ?? []).map((u) => u.id);
  const addedCo = await replaceCoUnits(db, t, coBefore, coUnitIds);
  const milestones = await replaceMilestones(db, t, input.milestones);

  const notes: string[] = [];
  if (dueChanged) notes.push(`完成时限由${formatDateCn(t.due_on)}调整为${formatDateCn(dueOn)}`);
  if (leadChanged) notes.push(resign ? "调整牵头单位，须重新签收" : "调整牵头单位");
  if (addedCo.length > 0 || coBefore.some((u) => !coUnitIds.includes(u)))
    notes.push("调整配合单位");
  await db
    .insertInto("task_transitions")
    .values({
      task_id: id,
      region_path: t.region_path,
      action: "修改任务",
      from_status: t.status,
      to_status: updated.status,
      occurred_on: todayCst(),
      user_id: scope.userId,
      user_name: scope.username,
      note: notes.length > 0 ? notes.join("；") : null,
    })
    .execute();

  const due = formatDateCn(dueOn);
  const title = updated.title;
  const told = new Set<number>();
  if (leadChanged) {
    told.add(input.leadUnitId);
    await notify(
      db,
      updated,
      [{ unitId: input.leadUnitId }],
      "assigned",
      `您单位牵头的任务“${title}”已交办，完成时限${due}，请及时签收`,
    );
  }
  for (const u of addedCo) told.add(u);
  await notify(
    db,
    updated,
    addedCo.map((u) => ({ unitId: u })),
    "assigned",
    `您单位配合的任务“${title}”已交办，完成时限${due}`,
  );
  // Units taken off the task hear of it: they no longer see it in their list.
  const kept = new Set([input.leadUnitId, ...coUnitIds]);
  const released = [...new Set([t.lead_unit_id, ...coBefore])].filter((u) => !kept.has(u));
  await notify(
    db,
    updated,
    released.map((u) => ({ unitId: u })),
    "released",
    `任务“${title}”已调整承办单位，您单位不再承办此项任务`,
  );
  if (dueChanged)
    await notify(
      db,
      updated,
      [input.leadUnitId, ...coUnitIds].filter((u) => !told.has(u)).map((u) => ({ unitId: u })),
      "deadline_changed",
      `任务“${title}”的办理期限调整为${due}`,
    );

  await writeAudit(db, caller.scope, {
    action: "update",
    entity: "task",
    recordId: id,
    regionPath: t.region_path,
    before: { ...t, coUnitIds: coBefore, milestones: milestones.before },
    after: { ...updated, coUnitIds, milestones: milestones.after },
  });
  return updated;
}
