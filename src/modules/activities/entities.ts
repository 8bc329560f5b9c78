import { z } from "zod";
import type { Conn } from "../../core/db/schema.ts";
import { defineEntity, type EntityDef } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";

/** Every campaign of the dictionary; retired ones stay valid for old records, marked as such. */
async function campaignOptions(db: Conn) {
  const rows = await db
    .selectFrom("activity_campaigns")
    .select(["code", "name", "active"])
    .orderBy("sort")
    .orderBy("code")
    .execute();
  return rows.map((c) => ({ value: c.code, label: c.active ? c.name : `${c.name}（已停用）` }));
}

export const ACTIVITY_TYPES = [
  "科普宣传",
  "培训",
  "科技下乡",
  "执法宣传",
  "展览",
  "讲座",
  "演练",
  "媒体宣传",
  "驻村帮扶走访",
  "其他",
] as const;

/**
 * The campaigns and output kinds the migration seeds. Metrics are declared at startup, so
 * only these get metrics of their own; kinds a bureau adds later are stored and exported
 * but reach the report only once a metric is declared for them.
 */
export const STANDARD_CAMPAIGNS = [
  { code: "spring", name: "科技之春", month: 3, suffix: "科普宣传月" },
  { code: "ip426", name: "4·26知识产权宣传周", month: 4, suffix: "" },
  { code: "week", name: "科技活动周", month: 5, suffix: "" },
  { code: "dpr512", name: "5·12防灾减灾日", month: 5, suffix: "" },
  { code: "sciday", name: "全国科普日", month: 9, suffix: "" },
  { code: "sanxia", name: "文化科技卫生三下乡", month: 1, suffix: "" },
] as const;

export const STANDARD_OUTPUT_KINDS = [
  { code: "staff", label: "科技人员人数", unit: "名" },
  { code: "teams", label: "科普宣传队数", unit: "个" },
  { code: "towns", label: "乡镇个数", unit: "个" },
  { code: "consultations", label: "咨询人次", unit: "人次" },
  { code: "sessions", label: "讲座培训场次", unit: "场次" },
  { code: "trainees", label: "培训人次", unit: "人次" },
  { code: "books", label: "图书册数", unit: "册" },
  { code: "charts", label: "挂图套数", unit: "套" },
  { code: "materials", label: "资料份数", unit: "份" },
  { code: "boards", label: "展板块数", unit: "块" },
  { code: "clinics", label: "义诊人次", unit: "人次" },
  { code: "donations", label: "赠送物资价值", unit: "元" },
  { code: "participants", label: "参与人数", unit: "人" },
] as const;

export type OutputKindCode = (typeof STANDARD_OUTPUT_KINDS)[number]["code"];
export type CampaignCode = (typeof STANDARD_CAMPAIGNS)[number]["code"];

export const activityEntity = defineEntity({
  name: "activity",
  label: "科普活动",
  table: "activities",
  defaultSort: "-heldOn",
  extraSort: { updatedAt: "activities.updated_at" },
  fields: {
    title: {
      label: "活动名称",
      type: "text",
      required: true,
      search: true,
      sortable: true,
      excel: ["活动名称", "名称"],
      width: 240,
    },
    type: {
      label: "活动类型",
      type: "enum",
      required: true,
      options: ACTIVITY_TYPES.map((t) => ({ value: t, label: t })),
      filter: "enum",
      sortable: true,
      excel: ["活动类型", "类型"],
    },
    campaignCode: {
      label: "主题活动",
      type: "enum",
      options: STANDARD_CAMPAIGNS.map((c) => ({ value: c.code, label: c.name })),
      // The 科普活动字典 page edits the list: forms, filters and exports read it live.
      liveOptions: campaignOptions,
      filter: "enum",
      excel: ["主题活动", "所属活动"],
    },
    edition: { label: "届次", type: "integer", list: false, excel: ["届次"] },
    heldOn: {
      label: "活动日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["活动日期", "日期"],
    },
    regionId: {
      label: "活动地区",
      type: "region",
      required: true,
      filter: "region",
      excel: ["活动地区", "地区"],
    },
    place: { label: "具体地点", type: "text", search: true, excel: ["具体地点", "地点"] },
    theme: { label: "活动主题", type: "text", search: true, excel: ["活动主题", "主题"] },
    organiserUnitId: {
      label: "牵头单位",
      type: "unit",
      column: "organiser_unit_id",
      filter: "unit",
      excel: ["牵头单位"],
    },
    notes: { label: "备注", type: "textarea", list: false, excel: ["备注"] },
  },
});

const date = isoDateString;

export const outputInput = z.object({
  kind: z.string().trim().min(1),
  value: z.coerce.number().min(0, "不能为负数").max(1e13),
});

export const activityInput = z.object({
  title: z.string().trim().min(1).max(200),
  type: z.enum(ACTIVITY_TYPES, { error: "请选择活动类型" }),
  campaignCode: z.string().trim().max(40).nullish(),
  edition: z.coerce.number().int().min(1).max(200).nullish(),
  heldOn: date,
  regionId: z.coerce.number().int().positive(),
  place: z.string().trim().max(200).nullish(),
  theme: z.string().trim().max(200).nullish(),
  organiserUnitId: z.coerce.number().int().positive().nullish(),
  notes: z.string().trim().max(2000).nullish(),
  /** Omitted on update: partners and outputs stay as they are. */
  partnerUnitIds: z.array(z.coerce.number().int().positive()).max(100).optional(),
  outputs: z.array(outputInput).max(100).optional(),
});
export type ActivityInput = z.infer<typeof activityInput>;

export const activityUpdate = activityInput.extend({ version: z.coerce.number().int().positive() });

/** The declaration plus labels of the child-row fields, for validation messages only. */
export const activityValidationDef: EntityDef = {
  ...activityEntity,
  fields: {
    ...activityEntity.fields,
    partnerUnitIds: { label: "配合单位", type: "unit", excel: false },
    outputs: { label: "成效数据", type: "text", excel: false },
    version: { label: "版本", type: "integer", excel: false },
  },
};
