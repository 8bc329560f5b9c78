import type { WorkCalendar } from "../../core/calendar/calendar.ts";

/**
 * The 督查督办 loop as data: statuses, the actions that move a task, who may take each, and
 * the deadline light. Pure, so every rule is testable without a database.
 */

export const TASK_SOURCES = [
  "年度工作要点",
  "领导批示",
  "人大代表建议",
  "政协提案",
  "上级交办",
  "其他",
] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

export const TASK_STATUSES = [
  "待签收",
  "办理中",
  "申请延期",
  "申请办结",
  "已办结",
  "逾期办结",
  "已销号",
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Statuses in which a task is still being worked on (its light can be yellow or red). */
export const OPEN_STATUSES: readonly TaskStatus[] = ["待签收", "办理中", "申请延期", "申请办结"];
/** Statuses in which the lead and cooperating units may report progress. */
export const REPORTABLE_STATUSES: readonly TaskStatus[] = ["办理中", "申请延期"];

/** bureau: the supervising office (科技局 users, admins); lead: the lead unit's users. */
export type TaskActor = "bureau" | "lead";

export const TASK_ACTIONS = [
  "sign",
  "request-extension",
  "approve-extension",
  "refuse-extension",
  "request-closing",
  "confirm-closing",
  "return-closing",
  "cancel",
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

interface ActionRule {
  label: string;
  from: readonly TaskStatus[];
  /** Target status; confirm-closing decides between 已办结 and 逾期办结 by date. */
  to: TaskStatus | "closed";
  actor: TaskActor;
}

export const ACTION_RULES: Readonly<Record<TaskAction, ActionRule>> = {
  sign: { label: "签收", from: ["待签收"], to: "办理中", actor: "lead" },
  "request-extension": { label: "申请延期", from: ["办理中"], to: "申请延期", actor: "lead" },
  "approve-extension": { label: "批准延期", from: ["申请延期"], to: "办理中", actor: "bureau" },
  "refuse-extension": { label: "驳回延期申请", from: ["申请延期"], to: "办理中", actor: "bureau" },
  "request-closing": { label: "申请办结", from: ["办理中"], to: "申请办结", actor: "lead" },
  "confirm-closing": { label: "确认办结", from: ["申请办结"], to: "closed", actor: "bureau" },
  "return-closing": { label: "退回办结申请", from: ["申请办结"], to: "办理中", actor: "bureau" },
  cancel: { label: "销号", from: ["已办结", "逾期办结"], to: "已销号", actor: "bureau" },
};

export function isTaskAction(s: string): s is TaskAction {
  return (TASK_ACTIONS as readonly string[]).includes(s);
}

/** null when the action is legal in `status`; otherwise the Chinese reason. */
export function actionError(status: string, action: TaskAction): string | null {
  const rule = ACTION_RULES[action];
  if ((rule.from as readonly string[]).includes(status)) return null;
  if (status === "已销号") return `任务已销号，不能再${rule.label}`;
  const need = rule.from.map((s) => `“${s}”`).join("或");
  return `任务当前状态为“${status}”，不能${rule.label}（须为${need}）`;
}

/** Actions legal in `status` for someone acting in one or more of the roles in `as`. */
export function availableActions(status: string, as: readonly TaskActor[]): TaskAction[] {
  return TASK_ACTIONS.filter(
    (a) => actionError(status, a) === null && as.includes(ACTION_RULES[a].actor),
  );
}

/**
 * A task counts as completed on the day the lead unit handed in its closing report (not the
 * day the bureau confirmed it): the unit should not be marked late for the bureau's delay.
 */
export function closingOutcome(completedOn: string, dueOn: string): "已办结" | "逾期办结" {
  return completedOn > dueOn ? "逾期办结" : "已办结";
}

export type Light = "green" | "yellow" | "red" | "grey";
export const LIGHT_LABELS: Readonly<Record<Light, string>> = {
  green: "正常",
  yellow: "临近",
  red: "逾期",
  grey: "已办结",
};

export interface LightInput {
  due_on: string;
  completed_on: string | null;
  remind_workdays: number;
}

/**
 * The light of a task on `asOf`: grey once completed by then; red when past due; yellow when
 * the due date is at most `remind_workdays` working days ahead; green otherwise.
 */
export function lightOf(t: LightInput, asOf: string, cal: WorkCalendar): Light {
  if (t.completed_on !== null && t.completed_on <= asOf) return "grey";
  if (asOf > t.due_on) return "red";
  if (cal.workdaysBetween(asOf, t.due_on) <= t.remind_workdays) return "yellow";
  return "green";
}
