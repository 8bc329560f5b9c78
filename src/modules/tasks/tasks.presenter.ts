import { z } from "zod";
import type { WorkCalendar } from "../../core/calendar/calendar.ts";
import { LIGHT_LABELS, lightOf } from "./lifecycle.ts";
import type { TaskRow, UnitRef } from "./tasks.repository.ts";

const unitRef = z.object({ id: z.number(), name: z.string() });
const light = z.enum(["green", "yellow", "red", "grey"]);

export const taskDto = z.object({
  id: z.number(),
  title: z.string(),
  content: z.string().nullable(),
  source: z.string(),
  sourceDoc: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  leadUnit: unitRef,
  coUnits: z.array(unitRef),
  leader: z.string().nullable(),
  assignedOn: z.string(),
  deadlineKind: z.enum(["date", "workdays"]),
  deadlineWorkdays: z.number().nullable(),
  originalDueOn: z.string(),
  dueOn: z.string(),
  remindWorkdays: z.number(),
  status: z.string(),
  /** Light on the as-of date of the request (default today). */
  light,
  lightLabel: z.string(),
  /** Working days from the as-of date to the due date (negative when overdue). */
  workdaysLeft: z.number(),
  percent: z.number().nullable(),
  signedByName: z.string().nullable(),
  signedAt: z.date().nullable(),
  requestedDueOn: z.string().nullable(),
  requestReason: z.string().nullable(),
  closingReport: z.string().nullable(),
  closingRequestedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type TaskDto = z.infer<typeof taskDto>;

export function presentTask(
  t: TaskRow,
  extra: { coUnits: UnitRef[]; percent: number | null },
  asOf: string,
  cal: WorkCalendar,
): TaskDto {
  const l = lightOf(t, asOf, cal);
  return {
    id: t.id,
    title: t.title,
    content: t.content,
    source: t.source,
    sourceDoc: t.source_doc,
    regionId: t.region_id,
    regionName: t.region_name,
    leadUnit: { id: t.lead_unit_id, name: t.lead_unit_name },
    coUnits: extra.coUnits,
    leader: t.leader,
    assignedOn: t.assigned_on,
    deadlineKind: t.deadline_kind,
    deadlineWorkdays: t.deadline_workdays,
    originalDueOn: t.original_due_on,
    dueOn: t.due_on,
    remindWorkdays: t.remind_workdays,
    status: t.status,
    light: l,
    lightLabel: LIGHT_LABELS[l],
    workdaysLeft: cal.workdaysBetween(asOf, t.due_on),
    percent: extra.percent,
    signedByName: t.signed_by_name,
    signedAt: t.signed_at,
    requestedDueOn: t.requested_due_on,
    requestReason: t.request_reason,
    closingReport: t.closing_report,
    closingRequestedOn: t.closing_requested_on,
    completedOn: t.completed_on,
    outcome: t.outcome,
    version: t.version,
    updatedAt: t.updated_at,
  };
}

export const taskDetailDto = taskDto.extend({
  milestones: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      dueOn: z.string(),
      doneOn: z.string().nullable(),
    }),
  ),
  transitions: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      occurredOn: z.string(),
      at: z.date(),
      userName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  progress: z.array(
    z.object({
      id: z.number(),
      unitId: z.number(),
      unitName: z.string(),
      reportedOn: z.string(),
      text: z.string(),
      percent: z.number().nullable(),
      userName: z.string().nullable(),
    }),
  ),
  /** What the caller may do now: action names for POST /api/tasks/:id/actions/:action. */
  can: z.object({
    actions: z.array(z.string()),
    reportProgress: z.boolean(),
    editMilestones: z.boolean(),
    delete: z.boolean(),
    /** May edit the task (PUT /api/tasks/:id): the bureau, until the task is closed. */
    edit: z.boolean(),
  }),
});
export type TaskDetailDto = z.infer<typeof taskDetailDto>;
