import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import { loadCalendar } from "../../core/calendar/calendar.repository.ts";
import type { Conn, Task } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { formatDateCn } from "../../core/metrics/format.ts";
import { todayCst } from "../../core/report/composer.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { taskInput, taskLabels } from "./entities.ts";
import { notify } from "./notifications.ts";
import { ACTOR_DENIED, rolesOn, type TaskCaller, taskCaller } from "./permissions.ts";
import * as repo from "./tasks.repository.ts";

export const LABEL = taskLabels.label;

export function invalid(field: string, message: string): AppError<"VALIDATION"> {
  const fields: Record<string, { label: string } | undefined> = taskLabels.fields;
  const label = fields[field]?.label;
  return new AppError("VALIDATION", { fields: [{ field, label, message }] });
}

export async function requireBureau(db: Conn, scope: Scope): Promise<TaskCaller> {
  const caller = await taskCaller(db, scope);
  if (!caller.bureau) throw new AppError("FORBIDDEN", { reason: ACTOR_DENIED.bureau });
  return caller;
}

/** Units must be active and lie in the task's region subtree. */
export async function checkUnits(db: Conn, regionPath: string, ids: number[], field: string) {
  if (ids.length === 0) return;
  const found = await db
    .selectFrom("units")
    .select("id")
    .where("id", "in", ids)
    .where("region_path", "like", `${regionPath}%`)
    .where("active", "=", true)
    .execute();
  if (found.length !== new Set(ids).size) throw invalid(field, "所选单位不存在或不属于本地区");
}

export async function createTask(db: Conn, scope: Scope, raw: unknown): Promise<Task> {
  const caller = await requireBureau(db, scope);
  const input = parseInput(taskInput, raw, taskLabels);
  const region = await regionForWrite(db, scope, input.regionId);
  await checkUnits(db, region.path, [input.leadUnitId], "leadUnitId");
  const coUnitIds = [...new Set(input.coUnitIds)];
  await checkUnits(db, region.path, coUnitIds, "coUnitIds");
  const assignedOn = input.assignedOn ?? todayCst();
  const cal = await loadCalendar(db);
  const dueOn =
    input.deadlineKind === "workdays"
      ? cal.addWorkdays(assignedOn, input.deadlineWorkdays ?? 0)
      : (input.dueOn ?? assignedOn);
  if (dueOn < assignedOn) throw invalid("dueOn", "完成时限不能早于交办日期");
  const task = await db
    .insertInto("tasks")
    .values({
      region_id: region.id,
      region_path: region.path,
      title: input.title,
      content: input.content || null,
      source: input.source,
      source_doc: input.sourceDoc || null,
      lead_unit_id: input.leadUnitId,
      leader: input.leader || null,
      assigned_on: assignedOn,
      deadline_kind: input.deadlineKind,
      deadline_workdays:
        input.deadlineKind === "workdays" ? (input.deadlineWorkdays ?? null) : null,
      original_due_on: dueOn,
      due_on: dueOn,
      remind_workdays: input.remindWorkdays,
      created_by: scope.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (coUnitIds.length > 0)
    await db
      .insertInto("task_units")
      .values(coUnitIds.map((u) => ({ task_id: task.id, unit_id: u, region_path: region.path })))
      .execute();
  if (input.milestones.length > 0)
    await db
      .insertInto("task_milestones")
      .values(
        input.milestones.map((m, i) => ({
          task_id: task.id,
          region_path: region.path,
          title: m.title,
          due_on: m.dueOn,
          sort: i,
        })),
      )
      .execute();
  await db
    .insertInto("task_transitions")
    .values({
      task_id: task.id,
      region_path: task.region_path,
      action: "交办",
      from_status: null,
      to_status: "待签收",
      occurred_on: assignedOn,
      user_id: scope.userId,
      user_name: scope.username,
      note: null,
    })
    .execute();
  const due = formatDateCn(dueOn);
  await notify(
    db,
    task,
    [{ unitId: task.lead_unit_id }],
    "assigned",
    `您单位牵头的任务“${task.title}”已交办，完成时限${due}，请及时签收`,
  );
  await notify(
    db,
    task,
    coUnitIds.map((u) => ({ unitId: u })),
    "assigned",
    `您单位配合的任务“${task.title}”已交办，完成时限${due}`,
  );
  await writeAudit(db, caller.scope, {
    action: "create",
    entity: "task",
    recordId: task.id,
    regionPath: task.region_path,
    after: { ...task, coUnitIds, milestones: input.milestones },
  });
  return task;
}

/** Only a task nobody has signed for yet may be deleted; later ones are 销号 instead. */
export async function deleteTask(db: Conn, scope: Scope, id: number, version: number) {
  await requireBureau(db, scope);
  const t = await repo.lockTask(db, scope, id);
  if (!t) return explainMissedWrite(db, scope, "tasks", id, LABEL);
  if (t.status !== "待签收")
    throw new AppError("BAD_STATE", {
      message: `任务当前状态为“${t.status}”，只有待签收的任务可以删除，已办结的任务请销号`,
    });
  const r = await db
    .deleteFrom("tasks")
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) return explainMissedWrite(db, scope, "tasks", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: "task",
    recordId: id,
    regionPath: t.region_path,
    before: t,
  });
}

/** A progress report by the lead or a cooperating unit. */
export async function reportProgress(
  db: Conn,
  scope: Scope,
  id: number,
  input: { text: string; percent?: number | null; reportedOn?: string },
) {
  const caller = await taskCaller(db, scope);
  const t = await repo.lockTask(db, scope, id);
  if (!t) throw new AppError("NOT_FOUND", { entity: LABEL });
  const co = (await repo.coUnitsOf(db, [id])).get(id) ?? [];
  const roles = rolesOn(
    caller,
    t,
    co.map((u) => u.id),
  );
  if (!roles.actors.includes("lead") && !roles.cooperating)
    throw new AppError("FORBIDDEN", { reason: "只有该任务的牵头单位或配合单位可以报送进展" });
  if (t.status !== "办理中" && t.status !== "申请延期")
    throw new AppError("BAD_STATE", {
      message: `任务当前状态为“${t.status}”，不能报送进展（须为“办理中”或“申请延期”）`,
    });
  const reportedOn = input.reportedOn ?? todayCst();
  if (reportedOn < t.assigned_on) throw invalid("reportedOn", "不能早于交办日期");
  const row = await db
    .insertInto("task_progress")
    .values({
      task_id: id,
      region_path: t.region_path,
      unit_id: caller.unitId ?? t.lead_unit_id,
      reported_on: reportedOn,
      text: input.text,
      percent: input.percent ?? null,
      user_id: scope.userId,
      user_name: scope.username,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.updateTable("tasks").set({ updated_at: sql`now()` }).where("id", "=", id).execute();
  await writeAudit(db, scope, {
    action: "create",
    entity: "taskProgress",
    recordId: row.id,
    regionPath: t.region_path,
    after: row,
  });
  return row;
}

/** Marks a milestone done (or not): the lead unit or the bureau. */
export async function setMilestoneDone(
  db: Conn,
  scope: Scope,
  taskId: number,
  milestoneId: number,
  doneOn: string | null,
) {
  const caller = await taskCaller(db, scope);
  const t = await repo.lockTask(db, scope, taskId);
  if (!t) throw new AppError("NOT_FOUND", { entity: LABEL });
  if (rolesOn(caller, t, []).actors.length === 0)
    throw new AppError("FORBIDDEN", { reason: "只有牵头单位或督办部门可以更新节点" });
  const r = await db
    .updateTable("task_milestones")
    .set({ done_on: doneOn })
    .where("id", "=", milestoneId)
    .where("task_id", "=", taskId)
    .returningAll()
    .executeTakeFirst();
  if (!r) throw new AppError("NOT_FOUND", { entity: "任务节点" });
  await writeAudit(db, scope, {
    action: "update",
    entity: "taskMilestone",
    recordId: r.id,
    regionPath: t.region_path,
    after: r,
  });
  return r;
}
