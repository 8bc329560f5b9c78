import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

export const INVESTMENT_KINDS = ["招商引资", "产学研合作", "技术引进"] as const;
export const INVESTMENT_STATUSES = ["洽谈", "签约", "在建", "投产", "终止"] as const;
const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/** 招商引资/合作项目 the bureau brokers; 到位资金 is the sum of its dated arrivals. */
export const investmentEntity = defineEntity({
  name: "investment",
  label: "招商引资与合作项目",
  table: "investment_projects",
  defaultSort: "-signedOn",
  extraSort: { updatedAt: "investment_projects.updated_at" },
  fields: {
    name: { label: "项目名称", type: "text", required: true, search: true, width: 240 },
    kind: {
      label: "类别",
      type: "enum",
      required: true,
      options: opts(INVESTMENT_KINDS),
      filter: "enum",
      width: 110,
    },
    partnerName: { label: "合作方", type: "text", required: true, search: true, width: 220 },
    partnerOrigin: { label: "合作方所在地", type: "text", width: 120 },
    ourParty: {
      label: "我方单位",
      type: "text",
      search: true,
      width: 200,
      help: "企业库中的企业会自动关联",
    },
    enterpriseId: { label: "我方企业编号", type: "integer", list: false, excel: false },
    signedOn: {
      label: "签约日期",
      type: "date",
      sortable: true,
      filter: "dateRange",
    },
    contractAmount: { label: "合同资金（元）", type: "money", sortable: true },
    arrivedAmount: { label: "到位资金（元）", type: "money", form: false, excel: false },
    status: {
      label: "状态",
      type: "enum",
      required: true,
      options: opts(INVESTMENT_STATUSES),
      filter: "enum",
      sortable: true,
      width: 80,
    },
    staff: { label: "负责人员", type: "text", list: false },
    regionId: { label: "所属地区", type: "region", required: true, filter: "region" },
    notes: { label: "备注", type: "textarea", list: false },
  },
});

const optText = (max: number) => z.string().trim().max(max).nullish();

export const investmentInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(INVESTMENT_KINDS, { error: "请选择类别（招商引资/产学研合作/技术引进）" }),
    partnerName: z.string().trim().min(1).max(200),
    partnerOrigin: optText(100),
    ourParty: optText(200),
    enterpriseId: z.coerce.number().int().positive().nullish(),
    signedOn: isoDateString.nullish(),
    contractAmount: z.coerce.number().min(0, "不能为负数").max(1e13).default(0),
    status: z.enum(INVESTMENT_STATUSES, { error: "请选择状态（洽谈/签约/在建/投产/终止）" }),
    staff: optText(100),
    regionId: z.coerce.number().int().positive(),
    notes: optText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.status !== "洽谈" && v.status !== "终止" && !v.signedOn)
      ctx.addIssue({
        code: "custom",
        path: ["signedOn"],
        message: `状态为${v.status}时须填写签约日期`,
      });
  });
export type InvestmentInput = z.infer<typeof investmentInput>;

export const investmentUpdate = z
  .object({ version: z.coerce.number().int().positive() })
  .and(investmentInput);

export const arrivalInput = z.object({
  arrivedOn: isoDateString,
  amount: z.coerce.number().positive("应大于0").max(1e13),
  note: optText(500),
});

export const arrivalLabels = defineEntity({
  name: "investmentArrival",
  label: "资金到位记录",
  table: "investment_arrivals",
  defaultSort: "arrivedOn",
  fields: {
    arrivedOn: { label: "到位日期", type: "date" },
    amount: { label: "到位金额", type: "money" },
    note: { label: "说明", type: "text" },
  },
});
