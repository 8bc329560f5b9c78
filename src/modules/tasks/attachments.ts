import type { AttachmentOwner } from "../../core/attachments/owners.ts";
import type { Conn } from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";
import { taskCaller } from "./permissions.ts";
import { getTask } from "./tasks.repository.ts";

/** A unit user sees a task's files only while their unit is on the task. */
async function visible(db: Conn, scope: Scope, taskId: number): Promise<boolean> {
  const c = await taskCaller(db, scope);
  return c.onlyUnitId === null || (await getTask(db, scope, taskId, c.onlyUnitId)) !== undefined;
}

async function progressRow(db: Conn, scope: Scope, id: number) {
  return db
    .selectFrom("task_progress")
    .innerJoin("tasks", "tasks.id", "task_progress.task_id")
    .select([
      "tasks.id as task_id",
      "tasks.region_id",
      "tasks.region_path",
      "task_progress.unit_id",
      "tasks.status",
    ])
    .where("task_progress.id", "=", id)
    .where("tasks.region_path", "like", `${scope.regionPath}%`)
    .executeTakeFirst();
}

/** Files of a progress report: added by the reporting unit (or the bureau) while open. */
export const taskProgressAttachmentOwner: AttachmentOwner = {
  type: "task-progress",
  label: "进展报告",
  async locate(db, scope, id) {
    const r = await progressRow(db, scope, id);
    if (!r || !(await visible(db, scope, r.task_id))) return null;
    return { regionId: r.region_id, regionPath: r.region_path };
  },
  async canWrite(db, scope, id) {
    const r = await progressRow(db, scope, id);
    if (!r || r.status === "已销号") return false;
    const c = await taskCaller(db, scope);
    return c.bureau || (c.canWrite && c.unitId === r.unit_id);
  },
};

async function taskRow(db: Conn, scope: Scope, id: number) {
  return db
    .selectFrom("tasks")
    .select(["region_id", "region_path", "lead_unit_id", "status"])
    .where("id", "=", id)
    .where("region_path", "like", `${scope.regionPath}%`)
    .executeTakeFirst();
}

/**
 * Files of the closing report (owner id = task id): the lead unit attaches them while it
 * handles the task or awaits confirmation; the bureau may too, until 销号.
 */
export const taskClosingAttachmentOwner: AttachmentOwner = {
  type: "task-closing",
  label: "办结报告",
  async locate(db, scope, id) {
    const r = await taskRow(db, scope, id);
    if (!r || !(await visible(db, scope, id))) return null;
    return { regionId: r.region_id, regionPath: r.region_path };
  },
  async canWrite(db, scope, id) {
    const r = await taskRow(db, scope, id);
    if (!r || r.status === "已销号") return false;
    const c = await taskCaller(db, scope);
    const leadOpen = r.status === "办理中" || r.status === "申请办结";
    return c.bureau || (c.canWrite && c.unitId === r.lead_unit_id && leadOpen);
  },
};

export const taskAttachmentOwners: readonly AttachmentOwner[] = [
  taskProgressAttachmentOwner,
  taskClosingAttachmentOwner,
];
