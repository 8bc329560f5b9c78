import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

/** Kinds of money out, with the metric code each reports under; 追回 is money back (negative). */
export const PAYMENT_KINDS = [
  { value: "项目经费拨付", code: "project" },
  { value: "专利资助", code: "patent" },
  { value: "贷款贴息", code: "interest" },
  { value: "科技奖励", code: "award" },
  { value: "其他", code: "other" },
  { value: "追回", code: "recovery" },
] as const;
const KIND_VALUES = PAYMENT_KINDS.map((k) => k.value) as [string, ...string[]];
export const FUND_SOURCES = ["国拨", "省拨", "市级", "县级"] as const;

export const paymentEntity = defineEntity({
  name: "fundPayment",
  label: "资金拨付记录",
  table: "fund_payments",
  defaultSort: "-paidOn",
  extraSort: { updatedAt: "fund_payments.updated_at" },
  fields: {
    paidOn: {
      label: "拨付日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    kind: {
      label: "类别",
      type: "enum",
      required: true,
      options: PAYMENT_KINDS.map((k) => ({ value: k.value, label: k.value })),
      filter: "enum",
      sortable: true,
      width: 120,
    },
    amount: {
      label: "金额（元）",
      type: "money",
      required: true,
      sortable: true,
      help: "追回填正数，系统按负数记账",
    },
    source: {
      label: "资金来源",
      type: "enum",
      required: true,
      options: FUND_SOURCES.map((s) => ({ value: s, label: s })),
      filter: "enum",
      width: 90,
    },
    payeeName: { label: "收款单位", type: "text", required: true, search: true, width: 220 },
    enterpriseId: { label: "收款企业编号", type: "integer", list: false },
    voucherNo: { label: "凭证号", type: "text", search: true, width: 120 },
    projectId: { label: "项目编号", type: "integer", list: false },
    projectName: { label: "项目", type: "text", form: false, width: 220, excel: false },
    regionId: { label: "所属地区", type: "region", required: true, filter: "region" },
    notes: { label: "备注", type: "textarea", list: false },
  },
});

export const paymentInput = z
  .object({
    kind: z.enum(KIND_VALUES, { error: "请选择类别" }),
    paidOn: isoDateString,
    amount: z.coerce.number().positive("应大于0").max(1e13),
    source: z.enum(FUND_SOURCES, { error: "请选择资金来源（国拨/省拨/市级/县级）" }),
    enterpriseId: z.coerce.number().int().positive().nullish(),
    payeeName: z.string().trim().max(200).nullish(),
    voucherNo: z.string().trim().max(60).nullish(),
    projectId: z.coerce.number().int().positive().nullish(),
    regionId: z.coerce.number().int().positive().nullish(),
    notes: z.string().trim().max(1000).nullish(),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === "项目经费拨付" || v.kind === "追回") && !v.projectId)
      ctx.addIssue({ code: "custom", path: ["projectId"], message: `${v.kind}须选择项目` });
    if (!v.projectId && !v.regionId)
      ctx.addIssue({ code: "custom", path: ["regionId"], message: "必填" });
  });
export type PaymentInput = z.infer<typeof paymentInput>;

export const paymentUpdate = z
  .object({ version: z.coerce.number().int().positive() })
  .and(paymentInput);
