import { z } from "zod";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { defineEntity } from "../../core/entity/define.ts";

export const SET_BY = ["市下达", "省下达", "自定"] as const;
export const INDICATOR_KINDS = [
  { value: "metric", label: "系统统计" },
  { value: "manual", label: "手工录入" },
] as const;
/** How a hand-entered figure of a region relates to its children's figures. */
export const AGGREGATIONS = [
  { value: "sum", label: "下级合计" },
  { value: "none", label: "不汇总（仅本级填报）" },
] as const;

registerConstraintLabels({
  target_indicators_code_key: "该指标代码",
  targets_region_year_indicator_key: "该地区该年度该指标的目标",
  indicator_values_key: "该地区该统计日期的指标值",
  targets_indicator_id_fkey: "该指标（已设目标）",
  indicator_values_indicator_id_fkey: "该指标（已录入数值）",
});

export const indicatorEntity = defineEntity({
  name: "targetIndicator",
  label: "目标任务指标",
  table: "target_indicators",
  defaultSort: "sort",
  fields: {
    code: { label: "指标代码", type: "text", required: true, sortable: true, search: true },
    name: { label: "指标名称", type: "text", required: true, sortable: true, search: true },
    unit: { label: "计量单位", type: "text", required: true },
    kind: {
      label: "取数方式",
      type: "enum",
      required: true,
      options: INDICATOR_KINDS,
      filter: "enum",
    },
    metricId: {
      label: "统计指标",
      type: "text",
      help: "取数方式为系统统计时填写，如 patents.grants",
    },
    aggregation: {
      label: "汇总方式",
      type: "enum",
      options: AGGREGATIONS,
      help: "手工录入指标：比率类指标（如研发投入强度）必须选“不汇总”",
    },
    description: { label: "指标说明", type: "textarea", list: false },
    sort: { label: "排序", type: "integer", sortable: true, list: false },
    active: { label: "启用", type: "boolean", filter: "boolean" },
  },
});

export const indicatorInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "应为小写字母开头的字母、数字或下划线（2—40位）"),
  name: z.string().trim().min(1).max(60),
  unit: z.string().trim().min(1).max(10),
  kind: z.enum(["metric", "manual"], { error: "请选择取数方式" }),
  metricId: z.string().trim().max(100).nullish(),
  aggregation: z.enum(["sum", "none"], { error: "请选择汇总方式" }).default("sum"),
  description: z.string().trim().max(500).nullish(),
  sort: z.coerce.number().int().min(0).max(100000).default(0),
  active: z.boolean().default(true),
});
export type IndicatorInput = z.infer<typeof indicatorInput>;
export const indicatorUpdate = indicatorInput.extend({
  version: z.coerce.number().int().positive(),
});

export const targetEntity = defineEntity({
  name: "target",
  label: "目标任务",
  table: "targets",
  defaultSort: "year",
  fields: {
    regionId: {
      label: "地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["地区", "所属地区", "行政区划", "地区代码"],
    },
    year: {
      label: "年度",
      type: "integer",
      required: true,
      sortable: true,
      excel: ["年度", "年份"],
    },
    indicator: {
      label: "指标",
      type: "text",
      required: true,
      column: "indicator_id",
      excel: ["指标", "指标名称", "指标代码"],
    },
    value: { label: "目标值", type: "number", required: true, excel: ["目标值", "全年目标"] },
    unit: { label: "计量单位", type: "text", form: false, excel: ["计量单位", "单位"] },
    setBy: {
      label: "下达方式",
      type: "enum",
      required: true,
      options: SET_BY.map((s) => ({ value: s, label: s })),
      filter: "enum",
      excel: ["下达方式", "目标来源"],
    },
    note: { label: "备注", type: "text", excel: ["备注"] },
  },
});

const year = z.coerce.number().int().min(2000, "年度无效").max(2100, "年度无效");
const positive = z.coerce.number().positive("应大于0").max(1e12);

export const targetInput = z.object({
  regionId: z.coerce.number().int().positive(),
  year,
  indicatorId: z.coerce.number().int().positive({ error: "请选择指标" }),
  value: positive,
  setBy: z.enum(SET_BY, { error: "请选择下达方式" }),
  note: z.string().trim().max(200).nullish(),
});
export type TargetInput = z.infer<typeof targetInput>;

/** Region, year and indicator are the target's identity: an update changes the rest. */
export const targetUpdate = z.object({
  value: positive,
  setBy: z.enum(SET_BY, { error: "请选择下达方式" }),
  note: z.string().trim().max(200).nullish(),
  version: z.coerce.number().int().positive(),
});

export const indicatorValueEntity = defineEntity({
  name: "indicatorValue",
  label: "指标录入值",
  table: "indicator_values",
  defaultSort: "-asOf",
  fields: {
    regionId: {
      label: "地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["地区", "所属地区", "行政区划", "地区代码"],
    },
    indicator: {
      label: "指标",
      type: "text",
      required: true,
      column: "indicator_id",
      excel: ["指标", "指标名称", "指标代码"],
    },
    asOf: {
      label: "统计截止日期",
      type: "date",
      required: true,
      sortable: true,
      excel: ["截至日期", "统计截止日期", "截止日期", "统计日期"],
    },
    value: {
      label: "年初至今累计值",
      type: "number",
      required: true,
      help: "统计部门发布的“1—N月累计”数",
      excel: ["数值", "年初至今累计值", "累计值"],
    },
    note: { label: "备注", type: "text", excel: ["备注"] },
  },
});

export const indicatorValueInput = z.object({
  regionId: z.coerce.number().int().positive(),
  indicatorId: z.coerce.number().int().positive({ error: "请选择指标" }),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD"),
  value: z.coerce.number().min(0, "不能为负数").max(1e12),
  note: z.string().trim().max(200).nullish(),
});
export type IndicatorValueInput = z.infer<typeof indicatorValueInput>;
export const indicatorValueUpdate = indicatorValueInput.extend({
  version: z.coerce.number().int().positive(),
});
