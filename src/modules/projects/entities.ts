import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { PROJECT_STATUSES } from "./lifecycle.ts";

/** Plan levels with the metric code each reports under. */
export const PROJECT_LEVELS = [
  { value: "国家", code: "national", label: "国家级" },
  { value: "省", code: "provincial", label: "省级" },
  { value: "市", code: "city", label: "市级" },
  { value: "县", code: "county", label: "县级" },
] as const;
const LEVEL_VALUES = PROJECT_LEVELS.map((l) => l.value) as [string, ...string[]];

/** The programmes the migration seeds; the table (project_programmes) is the source of truth. */
export const SEEDED_PROGRAMMES = [
  { value: "support", label: "科技支撑" },
  { value: "key_rd", label: "重点研发" },
  { value: "transfer", label: "成果转化" },
  { value: "patent", label: "专利实施" },
  { value: "spark", label: "星火计划" },
  { value: "innofund", label: "创新基金" },
  { value: "fumin", label: "富民强县专项" },
  { value: "county_key", label: "县级重点科技计划" },
  { value: "other", label: "其他" },
] as const;

export const projectEntity = defineEntity({
  name: "project",
  label: "科技项目",
  table: "projects",
  defaultSort: "-applyYear",
  extraSort: { updatedAt: "projects.updated_at" },
  fields: {
    name: { label: "项目名称", type: "text", required: true, search: true, width: 260 },
    level: {
      label: "级别",
      type: "enum",
      required: true,
      options: PROJECT_LEVELS.map((l) => ({ value: l.value, label: l.label })),
      filter: "enum",
      sortable: true,
      width: 80,
    },
    programmeCode: {
      label: "计划类别",
      type: "enum",
      required: true,
      options: SEEDED_PROGRAMMES,
      filter: "enum",
      width: 130,
    },
    undertakerName: {
      label: "承担单位",
      type: "text",
      required: true,
      search: true,
      width: 220,
      help: "企业请从企业库选择；高校、院所等填写名称",
    },
    enterpriseId: {
      label: "承担企业",
      type: "enterprise",
      list: false,
      excel: false,
      help: "从企业名录中选择；高校、院所等不选，只填承担单位",
    },
    partners: { label: "合作单位", type: "textarea", list: false },
    taskBookNo: { label: "任务书编号", type: "text", list: false, search: true },
    approvalNo: { label: "立项编号", type: "text", search: true, width: 130 },
    startOn: { label: "开始日期", type: "date", list: false },
    endOn: { label: "结束日期", type: "date", sortable: true, filter: "dateRange" },
    fundNational: { label: "国拨经费（元）", type: "money", list: false },
    fundProvincial: { label: "省拨经费（元）", type: "money", list: false },
    fundCity: { label: "市级经费（元）", type: "money", list: false },
    fundCounty: { label: "县级经费（元）", type: "money", list: false },
    fundSelf: { label: "自筹经费（元）", type: "money", list: false },
    staff: { label: "负责人员", type: "text", list: false },
    applyYear: { label: "申报年度", type: "integer", required: true, sortable: true, width: 90 },
    status: {
      label: "状态",
      type: "enum",
      options: PROJECT_STATUSES.map((s) => ({ value: s, label: s })),
      filter: "enum",
      sortable: true,
      form: false,
      width: 100,
    },
    regionId: { label: "所属地区", type: "region", required: true, filter: "region" },
    notes: { label: "备注", type: "textarea", list: false },
    collectedOn: { label: "征集日期", type: "date", list: false, excel: false, help: "默认今天" },
  },
});

const money = z.coerce.number().min(0, "不能为负数").max(1e13).default(0);
const optText = (max: number) => z.string().trim().max(max).nullish();

export const projectInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    level: z.enum(LEVEL_VALUES, { error: "请选择级别（国家/省/市/县）" }),
    programmeCode: z.string().trim().min(1).max(40),
    enterpriseId: z.coerce.number().int().positive().nullish(),
    undertakerName: z.string().trim().max(200).nullish(),
    partners: optText(1000),
    taskBookNo: optText(60),
    approvalNo: optText(60),
    startOn: isoDateString.nullish(),
    endOn: isoDateString.nullish(),
    fundNational: money,
    fundProvincial: money,
    fundCity: money,
    fundCounty: money,
    fundSelf: money,
    staff: optText(100),
    applyYear: z.coerce.number().int().min(1990, "年度不正确").max(2100, "年度不正确"),
    regionId: z.coerce.number().int().positive(),
    notes: optText(2000),
    /** Date of the first history row (征集/储备); only read on create. */
    collectedOn: isoDateString.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.startOn && v.endOn && v.endOn < v.startOn)
      ctx.addIssue({ code: "custom", path: ["endOn"], message: "不能早于开始日期" });
    if (!v.enterpriseId && !v.undertakerName)
      ctx.addIssue({
        code: "custom",
        path: ["undertakerName"],
        message: "请选择承担企业或填写承担单位",
      });
  });
export type ProjectInput = z.infer<typeof projectInput>;

export const projectUpdate = z
  .object({ version: z.coerce.number().int().positive() })
  .and(projectInput);

export const transitionInput = z.object({
  version: z.coerce.number().int().positive(),
  to: z.string().trim().min(1),
  on: isoDateString,
  note: optText(500),
});

export const MIDTERM_RESULTS = ["超额完成", "完成", "基本完成", "未完成"] as const;
export const DELAY_REASONS = ["技术变化", "经费未落实", "负责人变动", "协作关系", "其他"] as const;
export const midtermInput = z
  .object({
    version: z.coerce.number().int().positive(),
    checkedOn: isoDateString,
    result: z.enum(MIDTERM_RESULTS, { error: "请选择检查结论" }),
    delayReason: z.enum(DELAY_REASONS, { error: "请选择滞后原因" }).nullish(),
    notes: optText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.result === "未完成" && !v.delayReason)
      ctx.addIssue({ code: "custom", path: ["delayReason"], message: "未完成时须填写滞后原因" });
  });

const conclusion = z.enum(["通过", "整改后通过", "不通过"], {
  error: "请选择通过/整改后通过/不通过",
});
export const acceptanceInput = z.object({
  version: z.coerce.number().int().positive(),
  acceptedOn: isoDateString,
  taskConclusion: conclusion,
  financeConclusion: conclusion,
  rectifyBy: isoDateString.nullish(),
  notes: optText(1000),
});

/** Labels for the record forms' field-named errors. */
export const recordLabels = defineEntity({
  name: "projectRecord",
  label: "项目记录",
  table: "projects",
  defaultSort: "id",
  fields: {
    to: { label: "目标状态", type: "text" },
    on: { label: "日期", type: "date" },
    note: { label: "说明", type: "text" },
    checkedOn: { label: "检查日期", type: "date" },
    result: { label: "检查结论", type: "text" },
    delayReason: { label: "滞后原因", type: "text" },
    acceptedOn: { label: "验收日期", type: "date" },
    taskConclusion: { label: "任务验收结论", type: "text" },
    financeConclusion: { label: "财务验收结论", type: "text" },
    rectifyBy: { label: "整改期限", type: "date" },
    notes: { label: "备注", type: "text" },
  },
});
