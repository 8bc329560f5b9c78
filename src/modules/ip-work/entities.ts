import { z } from "zod";
import { defineEntity, type FieldDef } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export const DISPUTE_TYPES = ["专利侵权纠纷", "假冒专利", "其他"] as const;
/** Cases only move forward: 受理 → 调解中 → 结案. */
export const DISPUTE_STATUSES = ["受理", "调解中", "结案"] as const;
export const DISPUTE_OUTCOMES = ["调解成功", "撤诉", "行政裁决", "移送", "其他"] as const;

const count = (label: string, excel: string[]): FieldDef => ({
  label,
  type: "integer",
  sortable: true,
  excel,
  width: 110,
});

export const enforcementEntity = defineEntity({
  name: "ip_enforcement",
  label: "知识产权执法行动",
  table: "ip_enforcement_actions",
  defaultSort: "-heldOn",
  extraSort: { updatedAt: "ip_enforcement_actions.updated_at" },
  fields: {
    heldOn: {
      label: "日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["日期", "执法日期"],
    },
    name: {
      label: "行动名称",
      type: "text",
      required: true,
      search: true,
      excel: ["行动名称", "名称"],
      width: 220,
    },
    campaign: {
      label: "专项行动",
      type: "text",
      search: true,
      excel: ["专项行动", "活动"],
      help: "如 双打、护航、4·26",
    },
    regionId: {
      label: "所属地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["所属地区", "地区"],
    },
    place: { label: "地点", type: "text", search: true, excel: ["地点"] },
    partners: {
      label: "联合执法单位",
      type: "text",
      list: false,
      search: true,
      excel: ["联合执法单位", "参与单位"],
    },
    officers: count("出动执法人员（人次）", ["出动执法人员（人次）", "出动执法人员"]),
    inspections: count("检查次数", ["检查次数"]),
    shops: count("检查商铺（家）", ["检查商铺（家）", "检查商铺"]),
    goods: count("检查商品（件）", ["检查商品（件）", "检查商品"]),
    casesFiled: count("立案（件）", ["立案（件）", "立案"]),
    casesClosed: count("结案（件）", ["结案（件）", "结案"]),
    notes: { label: "备注", type: "textarea", list: false, excel: ["备注"] },
  },
});

export const disputeEntity = defineEntity({
  name: "ip_dispute",
  label: "专利纠纷案件",
  table: "ip_disputes",
  defaultSort: "-receivedOn",
  extraSort: { updatedAt: "ip_disputes.updated_at" },
  fields: {
    caseNo: {
      label: "案件编号",
      type: "text",
      required: true,
      search: true,
      sortable: true,
      excel: ["案件编号", "案号"],
      width: 170,
    },
    type: {
      label: "案件类型",
      type: "enum",
      required: true,
      options: opts(DISPUTE_TYPES),
      filter: "enum",
      excel: ["案件类型", "类型"],
    },
    receivedOn: {
      label: "受理日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["受理日期"],
    },
    parties: {
      label: "当事人",
      type: "text",
      required: true,
      search: true,
      excel: ["当事人"],
      width: 220,
    },
    status: {
      label: "办理状态",
      type: "enum",
      required: true,
      options: opts(DISPUTE_STATUSES),
      filter: "enum",
      excel: ["办理状态", "状态"],
    },
    closedOn: {
      label: "结案日期",
      type: "date",
      sortable: true,
      filter: "dateRange",
      excel: ["结案日期"],
    },
    outcome: {
      label: "结案方式",
      type: "enum",
      options: opts(DISPUTE_OUTCOMES),
      filter: "enum",
      excel: ["结案方式", "处理结果"],
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

const blankToNull = (v: unknown) => (v === "" ? null : v);
const text = (max: number) => z.string().trim().max(max).nullish();
/** A head count or tally: blank means 0. */
const tally = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? 0 : v),
  // refine, not .int(): zod's int issue carries no input, which the shared mapper reads as 必填.
  z.coerce.number().min(0, "不能为负数").max(1e9).refine(Number.isInteger, "应为整数"),
);

export const enforcementInput = z.object({
  heldOn: isoDateString,
  name: z.string().trim().min(1).max(200),
  campaign: text(50),
  regionId: z.coerce.number().int().positive(),
  place: text(200),
  partners: text(500),
  officers: tally,
  inspections: tally,
  shops: tally,
  goods: tally,
  casesFiled: tally,
  casesClosed: tally,
  notes: text(2000),
});
export type EnforcementInput = z.infer<typeof enforcementInput>;

export const disputeInput = z
  .object({
    caseNo: z.string().trim().min(1).max(60),
    type: z.enum(DISPUTE_TYPES, { error: "请选择案件类型" }),
    receivedOn: isoDateString,
    parties: z.string().trim().min(1).max(500),
    status: z.enum(DISPUTE_STATUSES, { error: "请选择办理状态" }),
    closedOn: z.preprocess(blankToNull, isoDateString.nullish()),
    outcome: z.preprocess(
      blankToNull,
      z.enum(DISPUTE_OUTCOMES, { error: "请选择结案方式" }).nullish(),
    ),
    regionId: z.coerce.number().int().positive(),
    notes: text(2000),
  })
  .superRefine((v, ctx) => {
    const closed = v.status === "结案";
    if (closed && !v.closedOn)
      ctx.addIssue({ code: "custom", path: ["closedOn"], message: "结案的案件须填写结案日期" });
    if (!closed && v.closedOn)
      ctx.addIssue({ code: "custom", path: ["closedOn"], message: "未结案的案件不能填写结案日期" });
    if (closed && !v.outcome)
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "结案的案件须选择结案方式" });
    if (v.closedOn && v.closedOn < v.receivedOn)
      ctx.addIssue({ code: "custom", path: ["closedOn"], message: "不能早于受理日期" });
  });
export type DisputeInput = z.infer<typeof disputeInput>;
