import { z } from "zod";
import { defineEntity, type FieldDef } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

export const APPROVAL_RESULTS = ["同意", "不同意", "补正"] as const;
export const POINT_TYPES = ["动物", "植物", "地下水", "其他"] as const;
export const TERMINAL_STATUSES = ["正常", "故障", "拆除"] as const;

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
const region: FieldDef = { label: "所属地区", type: "region", required: true, filter: "region" };
const notes: FieldDef = { label: "备注", type: "textarea", list: false };
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
const regionId = z.coerce.number().int().positive();
const count = z.coerce.number().int("应为整数").min(0, "不能为负数").max(10_000_000);

export const approvalEntity = defineEntity({
  name: "quakeApproval",
  label: "抗震设防审批",
  table: "quake_approvals",
  defaultSort: "-approvedOn",
  fields: {
    projectName: { label: "工程名称", type: "text", required: true, search: true, width: 220 },
    applicant: { label: "建设单位", type: "text", required: true, search: true, width: 180 },
    approvedOn: {
      label: "审批日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    result: {
      label: "审批结果",
      type: "enum",
      required: true,
      options: opts(APPROVAL_RESULTS),
      filter: "enum",
    },
    fortificationLevel: { label: "抗震设防要求", type: "text", help: "如：8度（0.20g）重点设防类" },
    regionId: region,
    notes,
  },
});
export const approvalInput = z.object({
  projectName: text(200),
  applicant: text(200),
  approvedOn: isoDateString,
  result: z.enum(APPROVAL_RESULTS, { error: "请选择审批结果" }),
  fortificationLevel: optText(100),
  regionId,
  notes: optText(2000),
});

export const pointEntity = defineEntity({
  name: "quakePoint",
  label: "宏观观测点",
  table: "quake_points",
  defaultSort: "name",
  fields: {
    name: { label: "观测点名称", type: "text", required: true, search: true, sortable: true },
    regionId: { ...region, label: "所在乡镇（村）" },
    observer: { label: "观测员", type: "text", required: true, search: true },
    phone: { label: "联系电话", type: "text" },
    type: {
      label: "观测类型",
      type: "enum",
      required: true,
      options: opts(POINT_TYPES),
      filter: "enum",
    },
    startedOn: {
      label: "设立日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      help: "从设立当月起每月报送月报",
    },
    active: { label: "在用", type: "boolean", filter: "boolean" },
    notes,
  },
});
export const pointInput = z.object({
  name: text(100),
  regionId,
  observer: text(50),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9-]{0,20}$/, "只能包含数字和 -")
    .nullish()
    .transform((v) => v || null),
  type: z.enum(POINT_TYPES, { error: "请选择观测类型" }),
  startedOn: isoDateString,
  active: z.boolean().default(true),
  notes: optText(2000),
});

export const reportEntity = defineEntity({
  name: "quakeReport",
  label: "宏观观测月报",
  table: "quake_reports",
  defaultSort: "-month",
  fields: {
    pointName: {
      label: "观测点名称",
      type: "text",
      form: false,
      width: 200,
      excel: ["观测点名称", "观测点"],
    },
    pointId: { label: "观测点", type: "integer", required: true, list: false, excel: false },
    month: { label: "月份", type: "text", required: true, sortable: true, help: "YYYY-MM" },
    zeroReport: { label: "零报告", type: "boolean", filter: "boolean" },
    anomaly: { label: "异常情况", type: "textarea", help: "零报告时不填" },
    reportedOn: { label: "报送日期", type: "date", required: true, sortable: true },
    regionId: { ...region, form: false, excel: false },
  },
});
export const reportInput = z
  .object({
    pointId: z.coerce.number().int().positive("请选择观测点"),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM"),
    zeroReport: z.boolean(),
    anomaly: optText(2000),
    reportedOn: isoDateString,
  })
  .superRefine((v, ctx) => {
    if (v.zeroReport && v.anomaly)
      ctx.addIssue({ code: "custom", path: ["anomaly"], message: "零报告不应填写异常情况" });
    if (!v.zeroReport && !v.anomaly)
      ctx.addIssue({ code: "custom", path: ["anomaly"], message: "非零报告须填写异常情况" });
    if (v.reportedOn.slice(0, 7) < v.month)
      ctx.addIssue({ code: "custom", path: ["reportedOn"], message: "不能早于报告月份" });
  });

export const terminalEntity = defineEntity({
  name: "quakeTerminal",
  label: "地震预警终端",
  table: "quake_terminals",
  defaultSort: "-installedOn",
  fields: {
    site: { label: "安装地点", type: "text", required: true, search: true, width: 220 },
    regionId: region,
    installedOn: { label: "安装日期", type: "date", required: true, sortable: true },
    status: {
      label: "运行状态",
      type: "enum",
      required: true,
      options: opts(TERMINAL_STATUSES),
      filter: "enum",
    },
    notes,
  },
});
export const terminalInput = z.object({
  site: text(200),
  regionId,
  installedOn: isoDateString,
  status: z.enum(TERMINAL_STATUSES, { error: "请选择运行状态" }),
  notes: optText(2000),
});

export const shelterEntity = defineEntity({
  name: "quakeShelter",
  label: "应急避难场所",
  table: "quake_shelters",
  defaultSort: "name",
  fields: {
    name: { label: "场所名称", type: "text", required: true, search: true, sortable: true },
    regionId: region,
    capacity: { label: "可容纳人数（人）", type: "integer", required: true, sortable: true },
    area: { label: "面积（平方米）", type: "number", required: true, sortable: true },
    notes,
  },
});
export const shelterInput = z.object({
  name: text(200),
  regionId,
  capacity: count,
  area: z.coerce.number().min(0, "不能为负数").max(1e9),
  notes: optText(2000),
});

export const drillEntity = defineEntity({
  name: "quakeDrill",
  label: "应急演练",
  table: "quake_drills",
  defaultSort: "-heldOn",
  fields: {
    heldOn: {
      label: "演练日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    place: { label: "演练地点", type: "text", required: true, search: true, width: 200 },
    regionId: region,
    organiser: { label: "组织单位", type: "text", required: true, search: true },
    participants: { label: "参与人数（人次）", type: "integer", required: true, sortable: true },
    notes,
  },
});
export const drillInput = z.object({
  heldOn: isoDateString,
  place: text(200),
  regionId,
  organiser: text(200),
  participants: count,
  notes: optText(2000),
});

export const quakeEntities = [
  approvalEntity,
  pointEntity,
  reportEntity,
  terminalEntity,
  shelterEntity,
  drillEntity,
];
