import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { parseIsoDate } from "../../core/metrics/period.ts";
import { creditCodeProblem, normaliseCreditCode } from "./credit-code.ts";
import { INDUSTRIES, INDUSTRY_CODES } from "./industries.ts";

/** Kinds seeded by migration 010; the dictionary table may hold more (shown by code). */
export const QUALIFICATION_KIND_OPTIONS = [
  { value: "hte", label: "国家高新技术企业" },
  { value: "hte_reserve", label: "省级高新技术企业培育库" },
  { value: "tsme", label: "科技型中小企业" },
  { value: "st_giant", label: "科技小巨人企业" },
  { value: "zjtx", label: "省级专精特新中小企业" },
  { value: "zjtx_giant", label: "专精特新“小巨人”企业" },
  { value: "innovative_sme", label: "创新型中小企业" },
] as const;

export const SCALE_OPTIONS = [
  { value: "above", label: "规上" },
  { value: "below", label: "规下" },
] as const;

function yearOptions() {
  const now = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => String(now + 1 - i)).map((y) => ({
    value: y,
    label: `${y}年`,
  }));
}

export const enterpriseEntity = defineEntity({
  name: "enterprise",
  label: "企业",
  // The list reads a derived table "e" that adds the per-year columns (scale, qualifications).
  table: "e",
  defaultSort: "-updatedAt",
  extraSort: { updatedAt: "e.updated_at" },
  fields: {
    name: {
      label: "企业名称",
      type: "text",
      required: true,
      sortable: true,
      search: true,
      excel: ["企业名称", "名称", "单位名称", "企业"],
      width: 240,
    },
    creditCode: {
      label: "统一社会信用代码",
      type: "text",
      required: true,
      search: true,
      excel: ["统一社会信用代码", "社会信用代码", "信用代码"],
      width: 180,
    },
    regionId: {
      label: "乡镇（街道）",
      type: "region",
      required: true,
      filter: "region",
      excel: ["所在乡镇（街道）", "乡镇（街道）", "乡镇", "所属地区", "地区"],
      help: "企业所在的乡镇或街道；不清楚时可选本县",
    },
    industry: {
      label: "所属行业",
      type: "enum",
      options: INDUSTRIES,
      filter: "enum",
      sortable: true,
      excel: ["所属行业", "行业门类", "行业"],
      width: 160,
    },
    scale: {
      label: "规模",
      type: "enum",
      options: SCALE_OPTIONS,
      filter: "enum",
      form: false,
      excel: false,
      width: 70,
      help: "按所选统计年度（默认最近一年）的年度数据",
    },
    qualifications: {
      label: "有效资质",
      type: "text",
      form: false,
      excel: false,
      width: 200,
    },
    qualification: {
      label: "资质",
      type: "enum",
      options: QUALIFICATION_KIND_OPTIONS,
      filter: "enum",
      list: false,
      form: false,
      excel: false,
    },
    year: {
      label: "统计年度",
      type: "enum",
      options: yearOptions(),
      filter: "enum",
      list: false,
      form: false,
      excel: false,
    },
    legalRep: { label: "法定代表人", type: "text", list: false, excel: ["法定代表人", "法人代表"] },
    contact: { label: "联系人", type: "text", search: true, excel: ["联系人"] },
    phone: { label: "联系电话", type: "text", excel: ["联系电话", "电话", "手机"] },
    address: { label: "地址", type: "text", list: false, excel: ["地址", "注册地址", "经营地址"] },
    foundedOn: {
      label: "成立日期",
      type: "date",
      sortable: true,
      list: false,
      excel: ["成立日期", "注册日期"],
    },
    tags: { label: "标签", type: "text", list: false, excel: ["标签"], help: "多个标签用顿号分隔" },
  },
});

export const isoDate = z
  .string()
  .trim()
  .refine((s) => parseIsoDate(s) !== null, "日期格式应为 YYYY-MM-DD");

export const creditCode = z
  .string()
  .transform(normaliseCreditCode)
  .superRefine((v, ctx) => {
    const problem = creditCodeProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+\-()（）\s转]*$/, "只能包含数字和 + - ( ) 等符号");

const optText = (max: number) => z.string().trim().max(max).nullish();

export const enterpriseInput = z.object({
  name: z.string().trim().min(1).max(100),
  creditCode,
  regionId: z.coerce.number().int().positive(),
  industry: z.enum(INDUSTRY_CODES, { error: "请选择所属行业门类（A—T）" }).nullish(),
  legalRep: optText(40),
  contact: optText(40),
  phone: phone.nullish(),
  address: optText(200),
  foundedOn: isoDate.nullish(),
  tags: optText(200),
});
export type EnterpriseInput = z.infer<typeof enterpriseInput>;

export const enterpriseUpdate = enterpriseInput.extend({
  version: z.coerce.number().int().positive(),
});

export const year = z.coerce.number().int().min(1990).max(2100);
const money = z.coerce.number().min(0).max(1e14).nullish();
const count = z.coerce.number().int().min(0).max(10_000_000).nullish();

export const qualificationInput = z.object({
  enterpriseId: z.coerce.number().int().positive(),
  kindCode: z.string().trim().min(1).max(40),
  number: optText(60),
  year: year.nullish(),
  issuedOn: isoDate.nullish(),
  note: optText(200),
});
export type QualificationInput = z.infer<typeof qualificationInput>;

export const APPLICATION_RESULTS = ["申报", "通过", "未通过"] as const;

export const applicationInput = z.object({
  enterpriseId: z.coerce.number().int().positive(),
  kindCode: z.string().trim().min(1).max(40),
  year,
  batch: z.string().trim().max(40).default(""),
  appliedOn: isoDate,
  result: z.enum(APPLICATION_RESULTS, { error: "应为 申报、通过 或 未通过" }),
  decidedOn: isoDate.nullish(),
});
export type ApplicationInput = z.infer<typeof applicationInput>;

export const yearlyInput = z.object({
  enterpriseId: z.coerce.number().int().positive(),
  year,
  revenue: money,
  rdExpense: money,
  hitechIncome: money,
  superDeduction: money,
  employees: count,
  stStaff: count,
  aboveScale: z.boolean().default(false),
});
export type YearlyInput = z.infer<typeof yearlyInput>;

export const regionYearInput = z.object({
  regionId: z.coerce.number().int().positive(),
  year,
  gdp: money,
  hitechOutput: money,
  population: z.coerce.number().min(0).max(1e6).nullish(),
});
export type RegionYearInput = z.infer<typeof regionYearInput>;

export const versioned = z.object({ version: z.coerce.number().int().positive() });

/** Field labels of the non-registry records, for field-named errors. */
export const recordLabels = defineEntity({
  name: "enterprise_record",
  label: "企业年度记录",
  table: "r",
  defaultSort: "year",
  fields: {
    enterpriseId: { label: "企业", type: "integer" },
    kindCode: { label: "资质类型", type: "text" },
    number: { label: "证书（入库）编号", type: "text" },
    year: { label: "年度", type: "integer" },
    issuedOn: { label: "发证（入库）日期", type: "date" },
    batch: { label: "批次", type: "text" },
    appliedOn: { label: "申报日期", type: "date" },
    result: { label: "结果", type: "text" },
    decidedOn: { label: "结果日期", type: "date" },
    revenue: { label: "营业收入", type: "money" },
    rdExpense: { label: "研发费用", type: "money" },
    hitechIncome: { label: "高新技术产品（服务）收入", type: "money" },
    superDeduction: { label: "研发费用加计扣除额", type: "money" },
    employees: { label: "职工总数", type: "integer" },
    stStaff: { label: "科技人员数", type: "integer" },
    regionId: { label: "地区", type: "region" },
    gdp: { label: "地区生产总值", type: "money" },
    hitechOutput: { label: "高新技术产业总产值", type: "money" },
    population: { label: "年末常住人口（万人）", type: "number" },
    note: { label: "备注", type: "text" },
  },
});
