import { z } from "zod";
import { defineEntity } from "../../core/entity/define.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { parseApplicationNo } from "../patents/application-no.ts";

const opts = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

export const LEVELS = ["国家", "省", "市", "县"] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The designation dictionary: kind, the level it is awarded at, whether an enterprise or a
 * county holds it, and a stable code for its metric id.
 */
export const DESIGNATION_KINDS = [
  { value: "国家知识产权示范企业", level: "国家", holder: "enterprise", code: "national_demo" },
  { value: "国家知识产权优势企业", level: "国家", holder: "enterprise", code: "national_adv" },
  { value: "省知识产权示范企业", level: "省", holder: "enterprise", code: "provincial_demo" },
  { value: "省知识产权优势企业", level: "省", holder: "enterprise", code: "provincial_adv" },
  { value: "市知识产权示范企业", level: "市", holder: "enterprise", code: "city_demo" },
  { value: "知识产权贯标企业(GB/T 29490)", level: "国家", holder: "enterprise", code: "gbt29490" },
  { value: "国家知识产权强县建设试点县", level: "国家", holder: "region", code: "county_pilot" },
  { value: "国家知识产权强县建设示范县", level: "国家", holder: "region", code: "county_demo" },
  { value: "省知识产权强县", level: "省", holder: "region", code: "provincial_county" },
] as const satisfies readonly {
  value: string;
  level: Level;
  holder: "enterprise" | "region";
  code: string;
}[];
export type DesignationKind = (typeof DESIGNATION_KINDS)[number];
const KIND_VALUES = DESIGNATION_KINDS.map((k) => k.value) as [string, ...string[]];
export const DESIGNATION_STATUSES = ["有效", "到期", "撤销"] as const;

export function kindOf(value: string): DesignationKind | undefined {
  return DESIGNATION_KINDS.find((k) => k.value === value);
}

export const pledgeEntity = defineEntity({
  name: "ip_pledge",
  label: "知识产权质押融资",
  table: "ip_pledges",
  defaultSort: "-registeredOn",
  extraSort: { updatedAt: "ip_pledges.updated_at" },
  fields: {
    registeredOn: {
      label: "登记日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["登记日期", "质押登记日期"],
    },
    enterpriseName: {
      label: "出质企业",
      type: "text",
      form: false,
      excel: ["出质企业", "企业名称", "统一社会信用代码"],
      width: 220,
      help: "导入时填写企业名称或统一社会信用代码，须已在企业名录中",
    },
    enterpriseId: {
      label: "出质企业",
      type: "enterprise",
      required: true,
      search: true,
      list: false,
      excel: false,
      help: "从企业名录中选择",
    },
    bank: {
      label: "质权人",
      type: "text",
      required: true,
      search: true,
      sortable: true,
      excel: ["质权人", "质权人（银行）", "银行"],
      width: 200,
    },
    amount: {
      label: "融资金额（元）",
      type: "money",
      required: true,
      sortable: true,
      excel: ["融资金额（元）", "融资金额", "质押金额"],
    },
    patentCount: {
      label: "质押专利数（件）",
      type: "integer",
      sortable: true,
      excel: ["质押专利数（件）", "质押专利数"],
      help: "不填时按所列申请号个数",
      width: 110,
    },
    applicationNos: {
      label: "质押专利申请号",
      type: "textarea",
      list: false,
      search: false,
      excel: ["质押专利申请号", "专利申请号"],
      help: "多个申请号用顿号、逗号或换行分隔",
    },
    termMonths: {
      label: "期限（月）",
      type: "integer",
      excel: ["期限（月）", "融资期限（月）"],
      width: 90,
    },
    paymentId: {
      label: "贴息拨付",
      type: "remote",
      list: false,
      excel: false,
      remote: {
        url: "/api/ip/pledges/subsidy-options",
        dependsOn: "enterpriseId",
        labelKey: "paymentInfo",
      },
      help: "资金台账中拨付给该企业的“贷款贴息”记录；先选出质企业",
    },
    // Exported as text for reading; an import ignores the column (the link is picked on
    // screen and an update keeps it), and the import template leaves it out.
    paymentInfo: {
      label: "贴息拨付",
      type: "text",
      form: false,
      excel: ["贴息拨付"],
      width: 320,
    },
    regionId: {
      label: "所属地区",
      type: "region",
      form: false,
      filter: "region",
      excel: false,
    },
    notes: { label: "备注", type: "textarea", list: false, excel: ["备注"] },
  },
});

export const designationEntity = defineEntity({
  name: "ip_designation",
  label: "知识产权荣誉与试点示范",
  table: "ip_designations",
  defaultSort: "-recognisedOn",
  extraSort: { updatedAt: "ip_designations.updated_at" },
  fields: {
    kind: {
      label: "类别",
      type: "enum",
      required: true,
      options: opts(KIND_VALUES),
      filter: "enum",
      sortable: true,
      excel: ["类别", "荣誉类别", "认定类别"],
      width: 220,
    },
    level: {
      label: "级别",
      type: "enum",
      options: opts(LEVELS),
      filter: "enum",
      excel: ["级别"],
      help: "不填时按类别确定",
      width: 70,
    },
    year: {
      label: "年度",
      // text, not integer: a year is not a quantity and must not print as "2,026".
      type: "text",
      sortable: true,
      excel: ["年度", "批次年度"],
      help: "不填时取认定日期所在年度",
      width: 70,
    },
    enterpriseName: {
      label: "企业",
      type: "text",
      form: false,
      excel: ["企业", "企业名称", "统一社会信用代码"],
      width: 220,
    },
    enterpriseId: {
      label: "企业",
      type: "enterprise",
      search: true,
      list: false,
      excel: false,
      help: "企业类荣誉必填；知识产权强县类不填",
    },
    regionId: {
      label: "所属地区",
      type: "region",
      filter: "region",
      excel: ["所属地区", "地区"],
      help: "知识产权强县类必填；企业类按企业所在地区",
    },
    recognisedOn: {
      label: "认定日期",
      type: "date",
      required: true,
      sortable: true,
      filter: "dateRange",
      excel: ["认定日期", "公布日期"],
    },
    documentNo: { label: "文号", type: "text", search: true, excel: ["文号", "认定文号"] },
    status: {
      label: "状态",
      type: "enum",
      options: opts(DESIGNATION_STATUSES),
      filter: "enum",
      excel: ["状态"],
      width: 70,
    },
    expiresOn: {
      label: "有效期至",
      type: "date",
      sortable: true,
      excel: ["有效期至", "到期日期"],
    },
    revokedOn: {
      label: "撤销日期",
      type: "date",
      sortable: true,
      list: false,
      excel: ["撤销日期", "撤销（摘牌）日期"],
      help: "状态为撤销时必填；撤销当日起不再计入有效称号",
    },
    // The list column: a 撤销 row from before the date was recorded says so instead of "—".
    revokedOnText: {
      label: "撤销日期",
      type: "text",
      column: "revoked_on",
      sortable: true,
      form: false,
      excel: false,
      width: 150,
    },
    notes: { label: "备注", type: "textarea", list: false, excel: ["备注"] },
  },
});

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);
const text = (max: number) => z.string().trim().max(max).nullish();
const optionalInt = (min: number, max: number) =>
  z.preprocess(
    blankToNull,
    z.coerce
      .number()
      .min(min, `不能小于${min}`)
      .max(max, `不能大于${max}`)
      .refine(Number.isInteger, "应为整数")
      .nullish(),
  );
const version = z.object({ version: z.coerce.number().int().positive() });

/** Application numbers as typed ("ZL 2017 1 0601862.3、CN2017201234561"), normalised. */
const applicationNos = z.preprocess(
  (v) => {
    if (v === undefined || v === null || v === "") return [];
    const parts = Array.isArray(v) ? v.map(String) : String(v).split(/[、，,；;\r\n]+/);
    return parts.map((p) => p.trim()).filter((p) => p.length > 0);
  },
  z
    .array(z.string().max(40))
    .max(500)
    .transform((list, ctx) => {
      const out: string[] = [];
      for (const raw of list) {
        const p = parseApplicationNo(raw);
        if (!p.ok) ctx.addIssue({ code: "custom", message: `申请号“${raw}”：${p.message}` });
        else if (!out.includes(p.value.normal)) out.push(p.value.normal);
      }
      return out;
    }),
);

export const pledgeInput = z
  .object({
    registeredOn: isoDateString,
    enterpriseId: z.coerce.number().int().positive(),
    bank: z.string().trim().min(1).max(200),
    amount: z.coerce.number().positive("应大于0").max(1e13),
    patentCount: optionalInt(1, 100000),
    applicationNos,
    termMonths: optionalInt(1, 600),
    paymentId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullish()),
    notes: text(2000),
  })
  .superRefine((v, ctx) => {
    if (!v.patentCount && v.applicationNos.length === 0)
      ctx.addIssue({ code: "custom", path: ["patentCount"], message: "请填写质押专利数或申请号" });
    if (v.patentCount && v.patentCount < v.applicationNos.length)
      ctx.addIssue({
        code: "custom",
        path: ["patentCount"],
        message: `少于所列申请号个数（${v.applicationNos.length}）`,
      });
  });
export type PledgeInput = z.infer<typeof pledgeInput>;
export const pledgeUpdate = version.and(pledgeInput);

const designationObject = z.object({
  kind: z.enum(KIND_VALUES, { error: "请选择类别" }),
  level: z.preprocess(blankToNull, z.enum(LEVELS, { error: "请选择级别" }).nullish()),
  year: optionalInt(1990, 2100),
  enterpriseId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullish()),
  regionId: z.preprocess(blankToNull, z.coerce.number().int().positive().nullish()),
  recognisedOn: isoDateString,
  documentNo: text(100),
  status: z.preprocess(
    blankToNull,
    z.enum(DESIGNATION_STATUSES, { error: "请选择状态（有效/到期/撤销）" }).nullish(),
  ),
  expiresOn: z.preprocess(blankToNull, isoDateString.nullish()),
  revokedOn: z.preprocess(blankToNull, isoDateString.nullish()),
  notes: text(2000),
});
type DesignationShape = z.infer<typeof designationObject>;

export const REVOKED_ON_REQUIRED = "状态为撤销时必填";

function designationRules(v: DesignationShape, ctx: z.RefinementCtx, legacyOk: boolean) {
  const k = kindOf(v.kind);
  if (k?.holder === "enterprise" && !v.enterpriseId)
    ctx.addIssue({ code: "custom", path: ["enterpriseId"], message: `“${v.kind}”须选择企业` });
  if (k?.holder === "region" && v.enterpriseId)
    ctx.addIssue({ code: "custom", path: ["enterpriseId"], message: `“${v.kind}”不填企业` });
  if (k?.holder === "region" && !v.regionId)
    ctx.addIssue({ code: "custom", path: ["regionId"], message: "必填" });
  if (v.expiresOn && v.expiresOn < v.recognisedOn)
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "不能早于认定日期" });
  if (v.status === "撤销" && !v.revokedOn && !legacyOk)
    ctx.addIssue({ code: "custom", path: ["revokedOn"], message: REVOKED_ON_REQUIRED });
  if (v.revokedOn && v.status !== "撤销")
    ctx.addIssue({ code: "custom", path: ["revokedOn"], message: "仅状态为撤销时填写" });
  if (v.revokedOn && v.revokedOn < v.recognisedOn)
    ctx.addIssue({ code: "custom", path: ["revokedOn"], message: "不能早于认定日期" });
}

/** A new designation: 撤销 needs its 撤销日期. */
export const designationInput = designationObject.superRefine((v, ctx) =>
  designationRules(v, ctx, false),
);
/**
 * A designation that may already be stored: 撤销 without 撤销日期 passes here, and the
 * service (or import) then requires the date unless the stored row is a 撤销 saved before
 * the date was recorded — editing or re-importing that row must not force an invented date.
 */
export const designationInputStored = designationObject.superRefine((v, ctx) =>
  designationRules(v, ctx, true),
);
export type DesignationInput = z.infer<typeof designationInput>;
export const designationUpdate = version.and(designationInputStored);

/** A 撤销 row saved before 撤销日期 existed (migration 170): the metric never counts it. */
export function revokedWithoutDate(d: { status: string; revoked_on: string | null }): boolean {
  return d.status === "撤销" && d.revoked_on === null;
}
