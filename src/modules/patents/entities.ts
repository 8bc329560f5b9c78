import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { parseIsoDate } from "../../core/metrics/period.ts";
import { PATENT_TYPES } from "./application-no.ts";
import { APPLICANT_TYPES, LEGAL_STATUSES } from "./classify.ts";

const opts = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }));

/**
 * The patent ledger. Import-only columns (专利类型 and 法律状态 as a list words them, the
 * applicant's credit code) are separate fields: they are interpreted by the import, not
 * taken as-is.
 */
export const patentEntity = defineEntity({
  name: "patent",
  label: "专利",
  table: "patents",
  defaultSort: "-filedOn",
  extraSort: { updatedAt: "patents.updated_at" },
  fields: {
    applicationNo: {
      label: "申请号",
      type: "text",
      required: true,
      sortable: true,
      search: true,
      excel: ["申请号", "专利申请号", "申请号/专利号", "专利号"],
      width: 150,
      help: "例如 201710601862.3；可带 ZL/CN 前缀",
    },
    title: {
      label: "专利名称",
      type: "text",
      required: true,
      search: true,
      excel: ["专利名称", "名称", "发明名称", "发明创造名称"],
      width: 220,
    },
    patentType: {
      label: "专利类型",
      type: "enum",
      options: opts(PATENT_TYPES),
      filter: "enum",
      sortable: true,
      form: false,
      excel: false,
      width: 90,
    },
    legalStatus: {
      label: "法律状态",
      type: "enum",
      options: opts(LEGAL_STATUSES),
      filter: "enum",
      sortable: true,
      excel: false,
      width: 90,
    },
    typeText: {
      label: "专利类型",
      type: "text",
      list: false,
      form: false,
      excel: ["专利类型", "类型"],
    },
    applicants: {
      label: "申请人",
      type: "text",
      required: true,
      search: true,
      excel: ["申请人", "专利权人", "申请（专利权）人", "申请(专利权)人", "申请人/专利权人"],
      width: 200,
    },
    applicantType: {
      label: "申请人类型",
      type: "enum",
      options: opts(APPLICANT_TYPES),
      filter: "enum",
      list: false,
      excel: ["申请人类型"],
    },
    serviceInvention: {
      label: "职务发明",
      type: "boolean",
      filter: "boolean",
      list: false,
      form: false,
      excel: false,
    },
    creditCode: {
      label: "申请人统一社会信用代码",
      type: "text",
      list: false,
      form: false,
      excel: ["统一社会信用代码", "信用代码", "申请人统一社会信用代码"],
    },
    inventors: {
      label: "发明人",
      type: "text",
      list: false,
      excel: ["发明人", "发明（设计）人", "发明(设计)人", "设计人"],
    },
    filedOn: {
      label: "申请日",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["申请日", "申请日期"],
      width: 110,
    },
    grantedOn: {
      label: "授权公告日",
      type: "date",
      sortable: true,
      filter: "dateRange",
      excel: ["授权公告日", "授权日", "授权日期", "授权公告日期"],
      width: 110,
    },
    enterpriseName: { label: "关联企业", type: "text", form: false, excel: false, width: 180 },
    statusText: {
      label: "法律状态",
      type: "text",
      list: false,
      form: false,
      excel: ["法律状态", "当前法律状态", "专利状态"],
    },
    statusOn: {
      label: "法律状态日",
      type: "date",
      list: false,
      excel: ["法律状态日", "法律状态日期", "状态日期"],
    },
    lapsedOn: {
      label: "失效日",
      type: "date",
      sortable: true,
      excel: ["失效日", "失效日期", "终止日", "权利终止日"],
      width: 110,
    },
    address: {
      label: "地址",
      type: "text",
      list: false,
      excel: ["地址", "申请人地址", "通讯地址"],
    },
    regionId: {
      label: "所属地区",
      type: "region",
      required: true,
      filter: "region",
      excel: false,
      help: "关联企业的所在地区；未关联企业时为导入时选择的地区",
    },
  },
});

const isoDate = z
  .string()
  .trim()
  .refine((s) => parseIsoDate(s) !== null, "日期格式应为 YYYY-MM-DD");
const optText = (max: number) => z.string().trim().max(max).nullish();

/** A row after the import has resolved the number, type and status. */
export const patentRowInput = z.object({
  applicationNo: z.string(),
  title: z.string().trim().min(1).max(300),
  applicants: z.string().trim().min(1).max(500),
  applicantType: z.enum(APPLICANT_TYPES).nullish(),
  creditCode: optText(30),
  inventors: optText(500),
  filedOn: isoDate,
  grantedOn: isoDate.nullish(),
  legalStatus: z.enum(LEGAL_STATUSES).nullish(),
  statusOn: isoDate.nullish(),
  lapsedOn: isoDate.nullish(),
  address: optText(300),
});
export type PatentRowInput = z.infer<typeof patentRowInput>;
