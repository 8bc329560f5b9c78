import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

/** Columns of the assignment sheet (特派员服务安排), and field labels for its errors. */
export const assignmentDef = defineEntity({
  name: "commissionerAssignment",
  label: "特派员服务安排",
  table: "commissioner_assignments",
  defaultSort: "startsOn",
  fields: {
    commissionerName: {
      label: "特派员姓名",
      type: "text",
      required: true,
      excel: ["特派员姓名", "姓名"],
    },
    phone: {
      label: "联系电话",
      type: "text",
      excel: ["联系电话", "电话"],
      help: "有重名特派员时填写，用于区分",
    },
    commissionerId: { label: "科技特派员", type: "integer", excel: false },
    regionId: {
      label: "服务乡镇（村）",
      type: "region",
      required: true,
      excel: ["服务乡镇（村）", "服务乡镇", "服务村", "乡镇"],
    },
    startsOn: { label: "开始日期", type: "date", required: true, excel: ["开始日期", "起始日期"] },
    endsOn: { label: "结束日期", type: "date", excel: ["结束日期", "截止日期"] },
  },
});

export const assignmentImportInput = z
  .object({
    commissionerId: z.number().int().positive(),
    regionId: z.number().int().positive(),
    startsOn: isoDateString,
    endsOn: isoDateString.nullish().transform((v) => v ?? null),
  })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, {
    path: ["endsOn"],
    message: "结束日期不能早于开始日期",
  });
export type AssignmentImport = z.infer<typeof assignmentImportInput>;
