import { z } from "zod";
import { defineEntity, type EntityDef } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

export const COMMISSIONER_LEVELS = ["省级", "市级", "县级"] as const;

export const commissionerEntity = defineEntity({
  name: "commissioner",
  label: "科技特派员",
  table: "commissioners",
  defaultSort: "name",
  extraSort: { updatedAt: "commissioners.updated_at" },
  fields: {
    name: {
      label: "姓名",
      type: "text",
      required: true,
      search: true,
      sortable: true,
      excel: ["姓名"],
    },
    unitName: {
      label: "工作单位",
      type: "text",
      search: true,
      excel: ["工作单位", "单位"],
      width: 200,
    },
    title: { label: "职称", type: "text", excel: ["职称"] },
    specialty: { label: "专业领域", type: "text", search: true, excel: ["专业领域", "专业"] },
    phone: { label: "联系电话", type: "text", list: false, excel: ["联系电话", "电话"] },
    level: {
      label: "级别",
      type: "enum",
      required: true,
      options: COMMISSIONER_LEVELS.map((l) => ({ value: l, label: l })),
      filter: "enum",
      sortable: true,
      excel: ["级别", "特派员级别"],
    },
    team: { label: "服务团队", type: "text", search: true, excel: ["服务团队", "团队"] },
    regionId: {
      label: "选派地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["选派地区", "地区"],
    },
    notes: { label: "备注", type: "textarea", list: false, excel: ["备注"] },
  },
});

const date = isoDateString;

export const assignmentInput = z
  .object({
    regionId: z.coerce.number().int().positive(),
    startsOn: date,
    endsOn: date.nullish(),
  })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, {
    path: ["endsOn"],
    message: "结束日期不能早于开始日期",
  });

export const commissionerInput = z.object({
  name: z.string().trim().min(1).max(40),
  unitName: z.string().trim().max(100).nullish(),
  title: z.string().trim().max(40).nullish(),
  specialty: z.string().trim().max(100).nullish(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9+\-()（）\s转]*$/, "只能包含数字和 + - ( ) 等符号")
    .nullish(),
  level: z.enum(COMMISSIONER_LEVELS, { error: "请选择级别" }),
  team: z.string().trim().max(100).nullish(),
  regionId: z.coerce.number().int().positive(),
  notes: z.string().trim().max(2000).nullish(),
  /** Omitted on update: assignments stay as they are. */
  assignments: z.array(assignmentInput).max(50).optional(),
});
export type CommissionerInput = z.infer<typeof commissionerInput>;

export const commissionerUpdate = commissionerInput.extend({
  version: z.coerce.number().int().positive(),
});

export const serviceInput = z.object({
  servedOn: date,
  regionId: z.coerce.number().int().positive(),
  content: z.string().trim().min(1).max(1000),
  peopleReached: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const commissionerValidationDef: EntityDef = {
  ...commissionerEntity,
  fields: {
    ...commissionerEntity.fields,
    assignments: { label: "服务乡镇（村）", type: "text", excel: false },
  },
};

export const serviceValidationDef: EntityDef = {
  name: "commissionerService",
  label: "服务记录",
  table: "commissioner_services",
  defaultSort: "-servedOn",
  fields: {
    servedOn: { label: "服务日期", type: "date" },
    regionId: { label: "服务地点", type: "region" },
    content: { label: "服务内容", type: "textarea" },
    peopleReached: { label: "服务人数", type: "integer" },
  },
};
