import { z } from "zod";
import { defineEntity, type FieldDef } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

export const PLATFORM_KINDS = [
  "工程技术研究中心",
  "重点实验室",
  "新型研发机构",
  "产业技术研究院",
  "企业技术中心",
  "孵化器",
  "众创空间",
  "星创天地",
  "农业科技园区",
  "科普教育基地",
  "科技展厅",
  "产业技术创新战略联盟",
  "院士(专家)工作站",
] as const;
export const LEVELS = ["国家", "省", "市", "县"] as const;
export const PLATFORM_STATUSES = ["运行中", "整改", "撤销", "摘牌"] as const;
export const CHECK_RESULTS = ["优秀", "良好", "合格", "基本合格", "不合格"] as const;
export const AGREEMENT_KINDS = ["县校合作", "院地合作", "产学研合作", "校企合作"] as const;
export const AGREEMENT_STATUSES = ["签约", "履行中", "已完成", "终止"] as const;

export const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
export const regionField: FieldDef = {
  label: "所属地区",
  type: "region",
  required: true,
  filter: "region",
  excel: ["所属地区", "地区"],
};
export const notesField: FieldDef = { label: "备注", type: "textarea", list: false };
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => v || null);
export const regionId = z.coerce.number().int().positive();
export const enterpriseId = z.coerce
  .number()
  .int()
  .positive()
  .nullish()
  .transform((v) => v ?? null);
const optCount = z.coerce
  .number()
  .int("应为整数")
  .min(0, "不能为负数")
  .max(10_000_000)
  .nullish()
  .transform((v) => v ?? null);
export const optMoney = z.coerce
  .number()
  .min(0, "不能为负数")
  .max(1e13)
  .nullish()
  .transform((v) => v ?? null);
export const year = z.coerce
  .number()
  .int("应为整数")
  .min(1990, "年份不正确")
  .max(2100, "年份不正确");
export const enterpriseField = (label: string): FieldDef => ({
  label,
  type: "integer",
  list: false,
  excel: false,
  help: "企业库中的企业编号；不填时按名称自动匹配企业库",
});

export const platformEntity = defineEntity({
  name: "platform",
  label: "科技创新平台",
  table: "platforms",
  defaultSort: "-recognisedOn",
  fields: {
    name: { label: "平台名称", type: "text", required: true, search: true, width: 260 },
    kind: {
      label: "平台类型",
      type: "enum",
      required: true,
      options: opts(PLATFORM_KINDS),
      filter: "enum",
      width: 150,
    },
    level: { label: "级别", type: "enum", required: true, options: opts(LEVELS), filter: "enum" },
    operatorName: {
      label: "依托（运营）单位",
      type: "text",
      search: true,
      width: 200,
      excel: ["依托单位", "运营单位", "依托（运营）单位"],
    },
    enterpriseId: enterpriseField("依托企业编号"),
    recognisedOn: {
      label: "认定日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    docNo: { label: "认定文号", type: "text", search: true, list: false },
    status: {
      label: "运行状态",
      type: "enum",
      required: true,
      options: opts(PLATFORM_STATUSES),
      filter: "enum",
    },
    revokedOn: {
      label: "撤销（摘牌）日期",
      type: "date",
      list: false,
      help: "仅撤销或摘牌时填写；此前仍计入运行平台",
    },
    area: { label: "面积（平方米）", type: "number", list: false },
    incubated: { label: "在孵企业数", type: "integer", list: false },
    researchers: { label: "研发人员数", type: "integer", list: false },
    regionId: regionField,
    notes: notesField,
  },
});
export const platformInput = z
  .object({
    name: text(200),
    kind: z.enum(PLATFORM_KINDS, { error: "请选择平台类型" }),
    level: z.enum(LEVELS, { error: "请选择级别" }),
    operatorName: optText(200),
    enterpriseId,
    recognisedOn: isoDateString,
    docNo: optText(100),
    status: z.enum(PLATFORM_STATUSES, { error: "请选择运行状态" }),
    revokedOn: isoDateString.nullish().transform((v) => v ?? null),
    area: z.coerce
      .number()
      .min(0, "不能为负数")
      .max(1e9)
      .nullish()
      .transform((v) => v ?? null),
    incubated: optCount,
    researchers: optCount,
    regionId,
    notes: optText(2000),
  })
  .superRefine((v, ctx) => {
    const ended = v.status === "撤销" || v.status === "摘牌";
    if (v.revokedOn && !ended)
      ctx.addIssue({ code: "custom", path: ["revokedOn"], message: "仅撤销或摘牌时填写" });
    if (v.revokedOn && v.revokedOn < v.recognisedOn)
      ctx.addIssue({ code: "custom", path: ["revokedOn"], message: "不能早于认定日期" });
  });

export const checkEntity = defineEntity({
  name: "platformCheck",
  label: "平台年度考核",
  table: "platform_checks",
  defaultSort: "-year",
  fields: {
    platformName: {
      label: "平台名称",
      type: "text",
      form: false,
      width: 260,
      excel: ["平台名称"],
    },
    platformId: { label: "平台编号", type: "integer", required: true, list: false, excel: false },
    year: { label: "考核年度", type: "text", required: true, sortable: true, width: 90 },
    result: {
      label: "考核结果",
      type: "enum",
      required: true,
      options: opts(CHECK_RESULTS),
      filter: "enum",
    },
    note: { label: "说明", type: "textarea" },
    regionId: { ...regionField, form: false, excel: false },
  },
});
export const checkInput = z.object({
  platformId: z.coerce.number().int().positive("请选择平台"),
  year,
  result: z.enum(CHECK_RESULTS, { error: "请选择考核结果" }),
  note: optText(2000),
});

export const agreementEntity = defineEntity({
  name: "coopAgreement",
  label: "合作协议",
  table: "coop_agreements",
  defaultSort: "-signedOn",
  fields: {
    title: { label: "协议名称", type: "text", required: true, search: true, width: 260 },
    kind: {
      label: "合作类型",
      type: "enum",
      required: true,
      options: opts(AGREEMENT_KINDS),
      filter: "enum",
    },
    ourParty: {
      label: "我方单位",
      type: "text",
      required: true,
      search: true,
      width: 200,
      help: "县政府、局或企业；企业按名称自动匹配企业库",
    },
    enterpriseId: enterpriseField("我方企业编号"),
    partner: {
      label: "合作院校（院所）",
      type: "text",
      required: true,
      search: true,
      width: 160,
      excel: ["合作院校（院所）", "合作方", "合作院校"],
    },
    signedOn: {
      label: "签订日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    content: { label: "合作内容", type: "textarea", list: false },
    amount: { label: "协议金额（元）", type: "money", sortable: true },
    status: {
      label: "履行状态",
      type: "enum",
      required: true,
      options: opts(AGREEMENT_STATUSES),
      filter: "enum",
    },
    regionId: regionField,
    notes: notesField,
  },
});
export const agreementInput = z.object({
  title: text(200),
  kind: z.enum(AGREEMENT_KINDS, { error: "请选择合作类型" }),
  ourParty: text(200),
  enterpriseId,
  partner: text(200),
  signedOn: isoDateString,
  content: optText(4000),
  amount: optMoney,
  status: z.enum(AGREEMENT_STATUSES, { error: "请选择履行状态" }),
  regionId,
  notes: optText(2000),
});

export const platformEntities = [platformEntity, checkEntity, agreementEntity];
