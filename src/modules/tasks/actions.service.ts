import { sql } from "kysely";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Task, TaskUpdate } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { formatDateCn } from "../../core/metrics/format.ts";
import { todayCst } from "../../core/report/composer.ts";
import type { Scope } from "../../core/scope.ts";
import { type ActionInput, actionInput, taskLabels } from "./entities.ts";
import {
  ACTION_RULES,
  actionError,
  closingOutcome,
  type TaskAction,
  type TaskStatus,
} from "./lifecycle.ts";
import { type NotificationKind, notify } from "./notifications.ts";
import { ACTOR_DENIED, rolesOn, taskCaller } from "./permissions.ts";
import * as repo from "./tasks.repository.ts";
import { invalid, LABEL } from "./tasks.service.ts";

interface Effect {
  to: TaskStatus;
  patch: TaskUpdate;
  note: string | null;
  notice?: { kind: NotificationKind; toBureau: boolean; text: string };
}

function need(value: string | null | undefined, field: string): string {
  if (!value) throw invalid(field, "必填");
  return value;
}

/** What an action does to the task: its new status, the columns it sets, who is told. */
function effectOf(t: Task, action: TaskAction, input: ActionInput, today: string): Effect {
  const title = `任务“${t.title}”`;
  switch (action) {
    case "sign":
      return { to: "办理中", patch: {}, note: null };
    case "request-extension": {
      const until = need(input.requestedDueOn, "requestedDueOn");
      if (until <= t.due_on)
        throw invalid("requestedDueOn", `应晚于当前完成时限（${formatDateCn(t.due_on)}）`);
      const reason = need(input.reason, "reason");
      return {
        to: "申请延期",
        patch: { requested_due_on: until, request_reason: reason },
        note: `申请延期至${formatDateCn(until)}：${reason}`,
        notice: {
          kind: "extension_requested",
          toBureau: true,
          text: `${title}的牵头单位申请延期至${formatDateCn(until)}，请审批`,
        },
      };
    }
    case "approve-extension": {
      const until = input.newDueOn ?? t.requested_due_on;
      if (!until) throw invalid("newDueOn", "必填");
      if (until <= t.due_on)
        throw invalid("newDueOn", `应晚于当前完成时限（${formatDateCn(t.due_on)}）`);
      return {
        to: "办理中",
        patch: { due_on: until, requested_due_on: null },
        note: `批准延期，完成时限由${formatDateCn(t.due_on)}调整为${formatDateCn(until)}${input.note ? `：${input.note}` : ""}`,
        notice: {
          kind: "extension_approved",
          toBureau: false,
          text: `${title}的延期申请已批准，完成时限调整为${formatDateCn(until)}`,
        },
      };
    }
    case "refuse-extension": {
      const reason = input.reason ?? input.note ?? null;
      return {
        to: "办理中",
        patch: { requested_due_on: null },
        note: `驳回延期申请${reason ? `：${reason}` : ""}`,
        notice: {
          kind: "extension_refused",
          toBureau: false,
          text: `${title}的延期申请未获批准，请按原完成时限（${formatDateCn(t.due_on)}）办结`,
        },
      };
    }
    case "request-closing": {
      const report = need(input.report, "report");
      return {
        to: "申请办结",
        patch: { closing_report: report, closing_requested_on: today },
        note: "提交办结报告",
        notice: {
          kind: "closing_requested",
          toBureau: true,
          text: `${title}的牵头单位已提交办结报告，请审核`,
        },
      };
    }
    case "confirm-closing": {
      const completedOn = t.closing_requested_on ?? today;
      const to = closingOutcome(completedOn, t.due_on);
      return {
        to,
        patch: { completed_on: completedOn, outcome: to === "已办结" ? "按期" : "逾期" },
        note: input.note ?? null,
        notice: { kind: "closed", toBureau: false, text: `${title}已确认${to}` },
      };
    }
    case "return-closing": {
      const reason = need(input.reason, "reason");
      return {
        to: "办理中",
        patch: { closing_requested_on: null },
        note: `退回办结申请：${reason}`,
        notice: {
          kind: "closing_returned",
          toBureau: false,
          text: `${title}的办结申请被退回：${reason}`,
        },
      };
    }
    case "cancel":
      return { to: "已销号", patch: {}, note: input.note ?? null };
  }
}

/**
 * Takes one step of the 督查督办 loop: checks the status allows it, that the caller holds the
 * role it needs (bureau or lead unit), and the version; writes the new state, the dated
 * history row, the notices and the audit row. Dates are today (Beijing time).
 */
export async function applyAction(
  db: Conn,
  scope: Scope,
  id: number,
  action: TaskAction,
  raw: unknown,
): Promise<Task> {
  const input = parseInput(actionInput, raw, taskLabels);
  const caller = await taskCaller(db, scope);
  const t = await repo.lockTask(db, scope, id);
  if (!t) throw new AppError("NOT_FOUND", { entity: LABEL });
  const rule = ACTION_RULES[action];
  if (!caller.canWrite)
    throw new AppError("FORBIDDEN", {
      reason: scope.role === "viewer" ? "领导账号为只读，不能修改数据" : "当前账号不能办理督办任务",
    });
  if (!rolesOn(caller, t, []).actors.includes(rule.actor))
    throw new AppError("FORBIDDEN", { reason: ACTOR_DENIED[rule.actor] });
  const refused = actionError(t.status, action);
  if (refused) throw new AppError("BAD_STATE", { message: refused });
  if (t.version !== input.version) throw new AppError("VERSION_CONFLICT", { entity: LABEL });

  const today = todayCst();
  const e = effectOf(t, action, input, today);
  const signing =
    action === "sign"
      ? { signed_by: scope.userId, signed_by_name: scope.username, signed_at: new Date() }
      : {};
  const updated = await db
    .updateTable("tasks")
    .set({
      ...e.patch,
      ...signing,
      status: e.to,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("id", "=", id)
    .where("version", "=", input.version)
    .returningAll()
    .executeTakeFirst();
  if (!updated) return explainMissedWrite(db, scope, "tasks", id, LABEL);
  await db
    .insertInto("task_transitions")
    .values({
      task_id: id,
      region_path: t.region_path,
      action: rule.label,
      from_status: t.status,
      to_status: e.to,
      occurred_on: today,
      user_id: scope.userId,
      user_name: scope.username,
      note: e.note,
    })
    .execute();
  if (e.notice) {
    const to = e.notice.toBureau ? [{ userId: t.created_by }] : [{ unitId: t.lead_unit_id }];
    await notify(db, t, to, e.notice.kind, e.notice.text);
  }
  await writeAudit(db, scope, {
    action: "update",
    entity: "task",
    recordId: id,
    regionPath: t.region_path,
    before: t,
    after: updated,
  });
  return updated;
}
