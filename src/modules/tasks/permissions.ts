import { canWriteLedgers } from "../../core/auth/session.service.ts";
import type { Conn, Task } from "../../core/db/schema.ts";
import type { Scope } from "../../core/scope.ts";
import type { TaskActor } from "./lifecycle.ts";
import { actorUnit } from "./tasks.repository.ts";

/**
 * Who the caller is towards tasks. The supervising office (督办方) is an admin, or an
 * editor who belongs to no unit or to the bureau itself (a 科技局-kind unit): the demo's
 * keyuan is the bureau's own staff, so "no unit" alone would lock them out. Everyone else
 * acts only through their unit's part in a task. Viewers and city accounts only read.
 */
export interface TaskCaller {
  scope: Scope;
  unitId: number | null;
  canWrite: boolean;
  bureau: boolean;
  /**
   * Set for a user of an ordinary unit (not the bureau, not a 科技局): they see only the tasks
   * their unit leads or cooperates on, so a unit taken off a task loses sight of it.
   */
  onlyUnitId: number | null;
}

export async function taskCaller(db: Conn, scope: Scope): Promise<TaskCaller> {
  const { unitId, unitKind } = await actorUnit(db, scope.userId);
  const canWrite = canWriteLedgers(scope);
  const bureau = canWrite && (scope.role === "admin" || unitId === null || unitKind === "科技局");
  const onlyUnitId = !bureau && unitId !== null && unitKind !== "科技局" ? unitId : null;
  return { scope, unitId, canWrite, bureau, onlyUnitId };
}

/** The roles the caller holds on this task. */
export function rolesOn(
  c: TaskCaller,
  task: Pick<Task, "lead_unit_id">,
  coUnitIds: readonly number[],
): { actors: TaskActor[]; cooperating: boolean } {
  const actors: TaskActor[] = [];
  if (c.bureau) actors.push("bureau");
  if (c.canWrite && c.unitId !== null && c.unitId === task.lead_unit_id) actors.push("lead");
  const cooperating = c.canWrite && c.unitId !== null && coUnitIds.includes(c.unitId);
  return { actors, cooperating };
}

export const ACTOR_DENIED: Readonly<Record<TaskActor, string>> = {
  bureau: "只有督办部门（科技局）可以执行此操作",
  lead: "只有该任务的牵头单位可以执行此操作",
};
