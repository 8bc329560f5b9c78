import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import {
  enterpriseField,
  enterpriseId,
  LEVELS,
  notesField,
  opts,
  optText,
  regionField,
  regionId,
  text,
  year,
} from "../platforms/entities.ts";

export const ACHIEVEMENT_KINDS = ["登记", "鉴定", "评价"] as const;
export const ACHIEVEMENT_LEVELS = ["国际领先", "国际先进", "国内领先", "国内先进"] as const;
export const STANDARD_KINDS = ["国家", "行业", "地方", "团体", "企业"] as const;
export const STANDARD_ROLES = ["主持", "参与"] as const;
export const AWARDS = [
  "科学技术进步奖",
  "技术发明奖",
  "自然科学奖",
  "专利奖",
  "科技成果转化奖",
  "其他",
] as const;
export const AWARD_STATUSES = ["推荐", "获奖", "未获奖"] as const;
export const AWARD_RANKS = ["特等", "一等", "二等", "三等", "优秀奖", "金奖", "银奖"] as const;

const optDate = isoDateString.nullish().transform((v) => v ?? null);

export const achievementEntity = defineEntity({
  name: "achievement",
  label: "科技成果",
  table: "achievements",
  defaultSort: "-achievedOn",
  fields: {
    title: { label: "成果名称", type: "text", required: true, search: true, width: 260 },
    kind: {
      label: "方式",
      type: "enum",
      required: true,
      options: opts(ACHIEVEMENT_KINDS),
      filter: "enum",
      help: "登记、鉴定或评价",
    },
    regNo: { label: "登记号", type: "text", search: true, width: 150 },
    achievedOn: {
      label: "登记（评价）日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    ownerName: { label: "完成单位", type: "text", required: true, search: true, width: 200 },
    enterpriseId: enterpriseField("完成企业编号"),
    level: {
      label: "成果水平",
      type: "enum",
      options: opts(ACHIEVEMENT_LEVELS),
      filter: "enum",
    },
    regionId: regionField,
    notes: notesField,
  },
});
export const achievementInput = z.object({
  title: text(200),
  kind: z.enum(ACHIEVEMENT_KINDS, { error: "请选择方式" }),
  regNo: optText(60),
  achievedOn: isoDateString,
  ownerName: text(200),
  enterpriseId,
  level: z
    .enum(ACHIEVEMENT_LEVELS, { error: "请选择成果水平" })
    .nullish()
    .transform((v) => v ?? null),
  regionId,
  notes: optText(2000),
});

export const standardEntity = defineEntity({
  name: "standard",
  label: "标准制定",
  table: "achievement_standards",
  defaultSort: "-publishedOn",
  fields: {
    title: { label: "标准名称", type: "text", required: true, search: true, width: 260 },
    stdNo: { label: "标准号", type: "text", required: true, search: true, width: 170 },
    kind: {
      label: "标准类别",
      type: "enum",
      required: true,
      options: opts(STANDARD_KINDS),
      filter: "enum",
    },
    unitName: { label: "起草单位", type: "text", required: true, search: true, width: 200 },
    enterpriseId: enterpriseField("起草企业编号"),
    role: {
      label: "参与方式",
      type: "enum",
      required: true,
      options: opts(STANDARD_ROLES),
      filter: "enum",
    },
    publishedOn: {
      label: "发布日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    regionId: regionField,
    notes: notesField,
  },
});
export const standardInput = z.object({
  title: text(200),
  stdNo: text(60),
  kind: z.enum(STANDARD_KINDS, { error: "请选择标准类别" }),
  unitName: text(200),
  enterpriseId,
  role: z.enum(STANDARD_ROLES, { error: "请选择参与方式" }),
  publishedOn: isoDateString,
  regionId,
  notes: optText(2000),
});

export const awardEntity = defineEntity({
  name: "award",
  label: "科技奖励",
  table: "achievement_awards",
  defaultSort: "-year",
  fields: {
    project: { label: "项目名称", type: "text", required: true, search: true, width: 260 },
    award: {
      label: "奖项",
      type: "enum",
      required: true,
      options: opts(AWARDS),
      filter: "enum",
      width: 130,
    },
    level: { label: "级别", type: "enum", required: true, options: opts(LEVELS), filter: "enum" },
    year: { label: "年度", type: "text", required: true, sortable: true, width: 90 },
    units: { label: "完成单位", type: "text", required: true, search: true, width: 200 },
    status: {
      label: "评审状态",
      type: "enum",
      required: true,
      options: opts(AWARD_STATUSES),
      filter: "enum",
    },
    rank: { label: "等级", type: "enum", options: opts(AWARD_RANKS), filter: "enum" },
    nominatedOn: { label: "推荐日期", type: "date", list: false, filter: "dateRange" },
    resultOn: {
      label: "公布日期",
      type: "date",
      sortable: true,
      filter: "dateRange",
      help: "获奖或未获奖时填写评审结果公布日期",
    },
    regionId: regionField,
    notes: notesField,
  },
});
export const awardInput = z
  .object({
    project: text(200),
    award: z.enum(AWARDS, { error: "请选择奖项" }),
    level: z.enum(LEVELS, { error: "请选择级别" }),
    year,
    units: text(500),
    status: z.enum(AWARD_STATUSES, { error: "请选择评审状态" }),
    rank: z
      .enum(AWARD_RANKS, { error: "请选择等级" })
      .nullish()
      .transform((v) => v ?? null),
    nominatedOn: optDate,
    resultOn: optDate,
    regionId,
    notes: optText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.status === "获奖" && !v.rank)
      ctx.addIssue({ code: "custom", path: ["rank"], message: "获奖时须填写等级" });
    if (v.status !== "获奖" && v.rank)
      ctx.addIssue({ code: "custom", path: ["rank"], message: "未获奖时不填写等级" });
    if (v.status !== "推荐" && !v.resultOn)
      ctx.addIssue({ code: "custom", path: ["resultOn"], message: "已有评审结果时须填写" });
    if (v.nominatedOn && v.resultOn && v.resultOn < v.nominatedOn)
      ctx.addIssue({ code: "custom", path: ["resultOn"], message: "不能早于推荐日期" });
  });

export const honourEntity = defineEntity({
  name: "honour",
  label: "荣誉与考核",
  table: "achievement_honours",
  defaultSort: "-conferredOn",
  fields: {
    title: {
      label: "荣誉名称",
      type: "text",
      required: true,
      search: true,
      width: 260,
      help: "如：全国科技进步考核先进县、知识产权强县建设试点县",
    },
    recipient: {
      label: "获得者",
      type: "text",
      required: true,
      search: true,
      help: "本局、本县或单位名称",
    },
    conferredBy: { label: "授予机关", type: "text", required: true, search: true, width: 180 },
    level: { label: "级别", type: "enum", required: true, options: opts(LEVELS), filter: "enum" },
    conferredOn: {
      label: "授予日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
    },
    regionId: regionField,
    notes: notesField,
  },
});
export const honourInput = z.object({
  title: text(200),
  recipient: text(200),
  conferredBy: text(200),
  level: z.enum(LEVELS, { error: "请选择级别" }),
  conferredOn: isoDateString,
  regionId,
  notes: optText(2000),
});

export const achievementEntities = [achievementEntity, standardEntity, awardEntity, honourEntity];
