import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";

export const UNIT_KINDS = [
  "科技局",
  "政府部门",
  "乡镇（街道）",
  "事业单位",
  "群团组织",
  "园区管委会",
  "高校院所",
  "企业",
  "其他",
] as const;

export const unitEntity = defineEntity({
  name: "unit",
  label: "单位",
  table: "units",
  defaultSort: "sort",
  extraSort: { updatedAt: "units.updated_at" },
  fields: {
    name: {
      label: "单位名称",
      type: "text",
      required: true,
      sortable: true,
      filter: "text",
      search: true,
      excel: ["单位名称", "名称", "单位"],
      width: 220,
    },
    shortName: { label: "简称", type: "text", search: true, excel: ["简称", "单位简称"] },
    kind: {
      label: "单位类型",
      type: "enum",
      required: true,
      options: UNIT_KINDS.map((k) => ({ value: k, label: k })),
      filter: "enum",
      sortable: true,
      excel: ["单位类型", "类型", "类别"],
    },
    regionId: {
      label: "所属地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["所属地区", "地区", "行政区划", "地区代码"],
    },
    contact: { label: "联系人", type: "text", excel: ["联系人"] },
    phone: { label: "联系电话", type: "text", excel: ["联系电话", "电话", "手机"] },
    sort: { label: "排序", type: "integer", sortable: true, list: false, excel: ["排序", "序号"] },
    active: { label: "启用", type: "boolean", filter: "boolean", excel: ["是否启用", "启用"] },
  },
});

const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+\-()（）\s转]*$/, "只能包含数字和 + - ( ) 等符号");

export const unitInput = z.object({
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().max(40).nullish(),
  kind: z.enum(UNIT_KINDS, { error: "请选择单位类型" }),
  regionId: z.coerce.number().int().positive(),
  contact: z.string().trim().max(40).nullish(),
  phone: phone.nullish(),
  sort: z.coerce.number().int().min(0).max(100000).default(0),
  active: z.boolean().default(true),
});
export type UnitInput = z.infer<typeof unitInput>;

export const unitUpdate = unitInput.extend({ version: z.coerce.number().int().positive() });
export type UnitUpdateInput = z.infer<typeof unitUpdate>;
