import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

/** 技术合同 types with the metric code each reports under. */
export const CONTRACT_TYPES = [
  { value: "技术开发（委托）", code: "dev_commission" },
  { value: "技术开发（合作）", code: "dev_cooperation" },
  { value: "技术转让", code: "transfer" },
  { value: "技术许可", code: "license" },
  { value: "技术咨询", code: "consulting" },
  { value: "技术服务", code: "service" },
] as const;
const TYPE_VALUES = CONTRACT_TYPES.map((t) => t.value) as [string, ...string[]];

export const contractEntity = defineEntity({
  name: "contract",
  label: "技术合同",
  table: "tech_contracts",
  defaultSort: "-registeredOn",
  extraSort: { updatedAt: "tech_contracts.updated_at" },
  fields: {
    regNo: {
      label: "登记编号",
      type: "text",
      required: true,
      search: true,
      sortable: true,
      excel: ["登记编号", "合同登记号", "登记号"],
      width: 170,
    },
    name: {
      label: "合同名称",
      type: "text",
      required: true,
      search: true,
      excel: ["合同名称", "项目名称"],
      width: 220,
    },
    type: {
      label: "合同类型",
      type: "enum",
      required: true,
      options: CONTRACT_TYPES.map((t) => ({ value: t.value, label: t.value })),
      filter: "enum",
      sortable: true,
      excel: ["合同类型", "类型"],
      help: "技术服务含技术培训、技术中介",
    },
    sellerName: {
      label: "卖方（技术输出方）",
      type: "text",
      required: true,
      search: true,
      excel: ["卖方", "卖方名称", "技术输出方"],
      width: 200,
    },
    sellerCreditCode: {
      label: "卖方统一社会信用代码",
      type: "text",
      list: false,
      excel: ["卖方统一社会信用代码", "统一社会信用代码"],
    },
    buyerName: {
      label: "买方（技术输入方）",
      type: "text",
      required: true,
      search: true,
      excel: ["买方", "买方名称", "技术输入方"],
      width: 200,
    },
    amount: {
      label: "合同金额（元）",
      type: "money",
      required: true,
      sortable: true,
      excel: ["合同金额（元）", "合同金额", "成交额"],
    },
    turnover: {
      label: "技术交易额（元）",
      type: "money",
      required: true,
      sortable: true,
      excel: ["技术交易额（元）", "技术交易额"],
    },
    signedOn: { label: "签订日期", type: "date", excel: ["签订日期", "签订时间"] },
    registeredOn: {
      label: "登记日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["登记日期", "登记时间"],
    },
    regionId: {
      label: "所属地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["所属地区", "地区"],
    },
    notes: { label: "备注", type: "textarea", list: false, excel: ["备注"] },
  },
});

const date = isoDateString;
const money = z.coerce.number().min(0, "不能为负数").max(1e13);

export const contractInput = z
  .object({
    regNo: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[0-9A-Za-z-]*$/, "只能包含数字、字母和 -"),
    name: z.string().trim().min(1).max(200),
    type: z.enum(TYPE_VALUES, { error: "请选择合同类型" }),
    sellerName: z.string().trim().min(1).max(200),
    sellerCreditCode: z.string().trim().toUpperCase().max(18).nullish(),
    buyerName: z.string().trim().min(1).max(200),
    amount: money,
    turnover: money,
    signedOn: date.nullish(),
    registeredOn: date,
    regionId: z.coerce.number().int().positive(),
    notes: z.string().trim().max(2000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.turnover > v.amount)
      ctx.addIssue({ code: "custom", path: ["turnover"], message: "不能大于合同金额" });
    if (v.signedOn && v.signedOn > v.registeredOn)
      ctx.addIssue({ code: "custom", path: ["signedOn"], message: "不能晚于登记日期" });
  });
export type ContractInput = z.infer<typeof contractInput>;

export const contractUpdate = z
  .object({ version: z.coerce.number().int().positive() })
  .and(contractInput);
