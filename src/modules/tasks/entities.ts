import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { TASK_SOURCES } from "./lifecycle.ts";

/** Field labels for validation messages (the task UI is custom, not metadata-driven). */
export const taskLabels = defineEntity({
  name: "task",
  label: "督办任务",
  table: "tasks",
  defaultSort: "id",
  fields: {
    title: { label: "任务名称", type: "text" },
    content: { label: "任务内容", type: "textarea" },
    source: { label: "任务来源", type: "text" },
    sourceDoc: { label: "来源文件/文号", type: "text" },
    leadUnitId: { label: "牵头单位", type: "integer" },
    coUnitIds: { label: "配合单位", type: "text" },
    leader: { label: "责任领导", type: "text" },
    regionId: { label: "所属地区", type: "region" },
    assignedOn: { label: "交办日期", type: "date" },
    deadlineKind: { label: "时限方式", type: "text" },
    dueOn: { label: "完成时限", type: "date" },
    deadlineWorkdays: { label: "办理时限（工作日）", type: "integer" },
    remindWorkdays: { label: "提前提醒（工作日）", type: "integer" },
    milestones: { label: "节点", type: "text" },
    version: { label: "版本", type: "integer" },
    requestedDueOn: { label: "申请延期至", type: "date" },
    newDueOn: { label: "批准延期至", type: "date" },
    reason: { label: "理由", type: "textarea" },
    report: { label: "办结报告", type: "textarea" },
    note: { label: "说明", type: "textarea" },
    text: { label: "进展情况", type: "textarea" },
    percent: { label: "完成进度", type: "integer" },
    reportedOn: { label: "报送日期", type: "date" },
    doneOn: { label: "完成日期", type: "date" },
    isWorkday: { label: "是否上班", type: "boolean" },
    status: { label: "状态", type: "text" },
    light: { label: "预警", type: "text" },
    year: { label: "年度", type: "integer" },
    asOf: { label: "统计日期", type: "date" },
    sort: { label: "排序", type: "text" },
    page: { label: "页码", type: "integer" },
    pageSize: { label: "每页条数", type: "integer" },
  },
});

const text = (max: number) => z.string().trim().max(max);

export const milestoneInput = z.object({
  /** Set when editing an existing milestone, so its 完成日期 is kept. */
  id: z.coerce.number().int().positive().optional(),
  title: text(100).min(1),
  dueOn: isoDateString,
});

const taskFields = z.object({
  title: text(200).min(1),
  content: text(4000).nullish(),
  source: z.enum(TASK_SOURCES, { error: "请选择任务来源" }),
  sourceDoc: text(200).nullish(),
  leadUnitId: z.coerce.number().int().positive(),
  coUnitIds: z.array(z.coerce.number().int().positive()).max(50).default([]),
  leader: text(60).nullish(),
  regionId: z.coerce.number().int().positive(),
  assignedOn: isoDateString.optional(),
  deadlineKind: z.enum(["date", "workdays"], { error: "请选择时限方式" }),
  dueOn: isoDateString.nullish(),
  deadlineWorkdays: z.coerce.number().int().min(1).max(1000).nullish(),
  remindWorkdays: z.coerce.number().int().min(0).max(60).default(3),
  milestones: z.array(milestoneInput).max(30).default([]),
});

function checkDeadline(
  v: Pick<
    z.infer<typeof taskFields>,
    "deadlineKind" | "dueOn" | "deadlineWorkdays" | "coUnitIds" | "leadUnitId"
  >,
  ctx: z.RefinementCtx,
) {
  if (v.deadlineKind === "date" && !v.dueOn)
    ctx.addIssue({ code: "custom", path: ["dueOn"], message: "按日期设定时限时必填" });
  if (v.deadlineKind === "workdays" && !v.deadlineWorkdays)
    ctx.addIssue({
      code: "custom",
      path: ["deadlineWorkdays"],
      message: "按工作日设定时限时必填",
    });
  if (v.coUnitIds.includes(v.leadUnitId))
    ctx.addIssue({ code: "custom", path: ["coUnitIds"], message: "不能包含牵头单位" });
}

export const taskInput = taskFields.superRefine(checkDeadline);
export type TaskInput = z.infer<typeof taskInput>;

/**
 * Editing a task: the same fields less region and 交办日期 (a working-day deadline is still
 * counted from the original 交办日期), plus the version the editor saw.
 */
export const taskEditInput = taskFields
  .omit({ regionId: true, assignedOn: true })
  .extend({ version: z.coerce.number().int().positive() })
  .superRefine(checkDeadline);
export type TaskEditInput = z.infer<typeof taskEditInput>;

export const actionInput = z.object({
  version: z.coerce.number().int().positive(),
  requestedDueOn: isoDateString.nullish(),
  newDueOn: isoDateString.nullish(),
  reason: text(2000).nullish(),
  report: text(8000).nullish(),
  note: text(2000).nullish(),
});
export type ActionInput = z.infer<typeof actionInput>;

export const progressInput = z.object({
  text: text(4000).min(1),
  percent: z.coerce.number().int().min(0).max(100).nullish(),
  reportedOn: isoDateString.optional(),
});

export const milestoneDoneInput = z.object({ doneOn: isoDateString.nullable() });

export const overrideInput = z.object({
  isWorkday: z.boolean(),
  note: text(60).nullish(),
});
