import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Project, ProjectChange } from "../../core/db/schema.ts";
import { defineEntity } from "../../core/entity/define.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { paidOnProject } from "../funds/funds.repository.ts";
import * as repo from "./projects.repository.ts";
import { wan } from "./projects.service.ts";

/** 变更 and 备案 records; 延期 and 经费调整 also rewrite the project itself. */
export const CHANGE_KINDS = ["负责人变更", "研究内容变更", "延期", "经费调整", "备案"] as const;

const optText = (max: number) => z.string().trim().max(max).nullish();
const money = z.coerce.number().min(0, "不能为负数").max(1e13).nullish();

export const changeInput = z
  .object({
    version: z.coerce.number().int().positive(),
    kind: z.enum(CHANGE_KINDS, { error: "请选择变更类别" }),
    changedOn: isoDateString,
    documentNo: optText(100),
    beforeText: optText(1000),
    afterText: optText(1000),
    reason: optText(1000),
    note: optText(1000),
    /** 延期: the new end date. */
    newEndOn: isoDateString.nullish(),
    /** 经费调整: the new approved amount per source (元); a blank source is unchanged. */
    fundNational: money,
    fundProvincial: money,
    fundCity: money,
    fundCounty: money,
    fundSelf: money,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "延期" && !v.newEndOn)
      ctx.addIssue({ code: "custom", path: ["newEndOn"], message: "延期须填写新的结束日期" });
    const funds = [v.fundNational, v.fundProvincial, v.fundCity, v.fundCounty, v.fundSelf];
    if (v.kind === "经费调整" && funds.every((f) => f === null || f === undefined))
      ctx.addIssue({
        code: "custom",
        path: ["fundCounty"],
        message: "经费调整须至少填写一项调整后的经费",
      });
    if ((v.kind === "负责人变更" || v.kind === "研究内容变更") && !v.afterText)
      ctx.addIssue({ code: "custom", path: ["afterText"], message: "必填" });
  });

export const changeLabels = defineEntity({
  name: "projectChange",
  label: "变更记录",
  table: "project_changes",
  defaultSort: "changedOn",
  fields: {
    kind: { label: "变更类别", type: "text" },
    changedOn: { label: "日期", type: "date" },
    documentNo: { label: "批复文号", type: "text" },
    beforeText: { label: "变更前", type: "text" },
    afterText: { label: "变更后", type: "text" },
    reason: { label: "原因", type: "text" },
    note: { label: "备注", type: "text" },
    newEndOn: { label: "新结束日期", type: "date" },
    fundNational: { label: "国拨经费", type: "money" },
    fundProvincial: { label: "省拨经费", type: "money" },
    fundCity: { label: "市级经费", type: "money" },
    fundCounty: { label: "县级经费", type: "money" },
    fundSelf: { label: "自筹经费", type: "money" },
  },
});

const FUND_KEYS = [
  ["fundNational", "fund_national", "国拨"],
  ["fundProvincial", "fund_provincial", "省拨"],
  ["fundCity", "fund_city", "市级"],
  ["fundCounty", "fund_county", "县级"],
  ["fundSelf", "fund_self", "自筹"],
] as const;

function invalid(field: string, label: string, message: string): AppError<"VALIDATION"> {
  return new AppError("VALIDATION", { fields: [{ field, label, message }] });
}

const fundsText = (p: Pick<Project, (typeof FUND_KEYS)[number][1]>) =>
  FUND_KEYS.map(([, col, label]) => `${label}${wan(Number(p[col]))}万元`).join("，");

/**
 * Records a 变更/备案 on a project (version-checked on the project). 延期 moves the end date
 * and 经费调整 the approved funds in the same transaction, so overdue status and the
 * payment ceiling follow at once; 负责人变更 also updates the responsible staff.
 */
export async function recordChange(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Project> {
  const input = parseInput(changeInput, raw, changeLabels);
  const before = await repo.lockProject(db, scope, id);
  if (!before) throw new AppError("NOT_FOUND", { entity: "科技项目" });
  if (before.version !== input.version)
    throw new AppError("VERSION_CONFLICT", { entity: "科技项目" });
  let patch: Partial<repo.ProjectValues> = {};
  let beforeText = input.beforeText || null;
  let afterText = input.afterText || null;
  if (input.kind === "延期" && input.newEndOn) {
    if (before.start_on && input.newEndOn < before.start_on)
      throw invalid("newEndOn", "新结束日期", "不能早于开始日期");
    if (before.end_on && input.newEndOn <= before.end_on)
      throw invalid("newEndOn", "新结束日期", `应晚于原结束日期（${before.end_on}）`);
    patch = { end_on: input.newEndOn };
    beforeText = before.end_on ?? "未填";
    afterText = input.newEndOn;
  } else if (input.kind === "经费调整") {
    const next = { ...before };
    for (const [key, col] of FUND_KEYS) {
      const v = input[key];
      if (v !== null && v !== undefined) next[col] = v;
    }
    const paid = await paidOnProject(db, id);
    if (Math.round(repo.fiscalTotal(next) * 100) < Math.round(paid * 100))
      throw invalid(
        "fundCounty",
        "经费",
        `已拨付${wan(paid)}万元，调整后财政经费合计（${wan(repo.fiscalTotal(next))}万元）不能少于已拨付金额`,
      );
    patch = Object.fromEntries(FUND_KEYS.map(([, col]) => [col, next[col]]));
    beforeText = fundsText(before);
    afterText = fundsText(next);
  } else if (input.kind === "负责人变更") {
    beforeText ??= before.staff;
    patch = { staff: afterText };
  }
  const p = await repo.updateProject(db, scope, id, input.version, patch);
  if (!p) throw new AppError("VERSION_CONFLICT", { entity: "科技项目" });
  const row = await db
    .insertInto("project_changes")
    .values({
      project_id: id,
      region_path: p.region_path,
      kind: input.kind,
      changed_on: input.changedOn,
      document_no: input.documentNo || null,
      before_text: beforeText,
      after_text: afterText,
      reason: input.reason || null,
      note: input.note || null,
      user_id: scope.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "projectChange",
    recordId: row.id,
    regionPath: p.region_path,
    before: Object.keys(patch).length > 0 ? before : undefined,
    after: row,
  });
  return p;
}

export function listChanges(db: Conn, projectId: number) {
  return db
    .selectFrom("project_changes")
    .leftJoin("users", "users.id", "project_changes.user_id")
    .selectAll("project_changes")
    .select("users.display_name as user_name")
    .where("project_id", "=", projectId)
    .orderBy("changed_on")
    .orderBy("project_changes.id")
    .execute();
}

export const changeDto = z.object({
  id: z.number(),
  kind: z.string(),
  changedOn: z.string(),
  documentNo: z.string().nullable(),
  beforeText: z.string().nullable(),
  afterText: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  userName: z.string().nullable(),
});

export function presentChange(c: ProjectChange & { user_name: string | null }) {
  return {
    id: c.id,
    kind: c.kind,
    changedOn: c.changed_on,
    documentNo: c.document_no,
    beforeText: c.before_text,
    afterText: c.after_text,
    reason: c.reason,
    note: c.note,
    userName: c.user_name,
  };
}
