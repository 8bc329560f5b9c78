import { randomBytes } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { defineEntity } from "../../core/entity/define.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";

/*
 * 主题活动 (campaigns) and 成效指标 (output kinds) are county-wide dictionaries edited by
 * admins. Codes are permanent keys (activities and metrics reference them), so an entry is
 * renamed or deactivated, never deleted.
 */

const CAMPAIGN_WHAT = "同名的主题活动";
const KIND_WHAT = "同名的成效指标";
registerConstraintLabels({
  activity_campaigns_name_key: CAMPAIGN_WHAT,
  activity_output_kinds_label_key: KIND_WHAT,
});

const sort = z.coerce.number().int().min(0).max(9999).default(0);
const active = z.boolean().default(true);

export const campaignInput = z.object({
  name: z.string().trim().min(1).max(40),
  usualMonth: z.coerce
    .number()
    .int()
    .min(1, "应为 1—12 月")
    .max(12, "应为 1—12 月")
    .nullish()
    .transform((v) => v ?? null),
  sort,
  active,
});

export const outputKindInput = z.object({
  label: z.string().trim().min(1).max(40),
  unit: z.string().trim().min(1).max(10),
  sort,
  active,
});

export const campaignLabels = defineEntity({
  name: "activityCampaign",
  label: "主题活动",
  table: "activity_campaigns",
  defaultSort: "sort",
  fields: {
    name: { label: "名称", type: "text" },
    usualMonth: { label: "通常月份", type: "integer" },
    sort: { label: "排序", type: "integer" },
    active: { label: "启用", type: "boolean" },
  },
});

export const outputKindLabels = defineEntity({
  name: "activityOutputKind",
  label: "成效指标",
  table: "activity_output_kinds",
  defaultSort: "sort",
  fields: {
    label: { label: "名称", type: "text" },
    unit: { label: "计量单位", type: "text" },
    sort: { label: "排序", type: "integer" },
    active: { label: "启用", type: "boolean" },
  },
});

/** A new entry's permanent code: short, unique, never shown to users. */
const newCode = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

export function presentCampaign(c: {
  code: string;
  name: string;
  usual_month: number | null;
  sort: number;
  active: boolean;
}) {
  return { code: c.code, name: c.name, usualMonth: c.usual_month, sort: c.sort, active: c.active };
}

export function presentOutputKind(k: {
  code: string;
  label: string;
  unit: string;
  sort: number;
  active: boolean;
}) {
  return { code: k.code, label: k.label, unit: k.unit, sort: k.sort, active: k.active };
}

async function campaignNameTaken(db: Conn, name: string, except?: string) {
  let qb = db.selectFrom("activity_campaigns").select("code").where("name", "=", name);
  if (except) qb = qb.where("code", "<>", except);
  if (await qb.executeTakeFirst()) throw new AppError("DUPLICATE", { what: CAMPAIGN_WHAT });
}

async function kindLabelTaken(db: Conn, label: string, except?: string) {
  let qb = db.selectFrom("activity_output_kinds").select("code").where("label", "=", label);
  if (except) qb = qb.where("code", "<>", except);
  if (await qb.executeTakeFirst()) throw new AppError("DUPLICATE", { what: KIND_WHAT });
}

export async function createCampaign(db: Conn, scope: Scope, raw: unknown) {
  const input = parseInput(campaignInput, raw, campaignLabels);
  await campaignNameTaken(db, input.name);
  const row = await db
    .insertInto("activity_campaigns")
    .values({
      code: newCode("c"),
      name: input.name,
      usual_month: input.usualMonth,
      sort: input.sort,
      active: input.active,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "activityCampaign",
    recordId: row.code,
    after: row,
  });
  return row;
}

export async function updateCampaign(db: Conn, scope: Scope, code: string, raw: unknown) {
  const input = parseInput(campaignInput, raw, campaignLabels);
  const before = await db
    .selectFrom("activity_campaigns")
    .selectAll()
    .where("code", "=", code)
    .executeTakeFirst();
  if (!before) throw new AppError("NOT_FOUND", { entity: "主题活动" });
  await campaignNameTaken(db, input.name, code);
  const row = await db
    .updateTable("activity_campaigns")
    .set({
      name: input.name,
      usual_month: input.usualMonth,
      sort: input.sort,
      active: input.active,
    })
    .where("code", "=", code)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "update",
    entity: "activityCampaign",
    recordId: code,
    before,
    after: row,
  });
  return row;
}

export async function createOutputKind(db: Conn, scope: Scope, raw: unknown) {
  const input = parseInput(outputKindInput, raw, outputKindLabels);
  await kindLabelTaken(db, input.label);
  const row = await db
    .insertInto("activity_output_kinds")
    .values({ code: newCode("k"), ...input })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "activityOutputKind",
    recordId: row.code,
    after: row,
  });
  return row;
}

export async function updateOutputKind(db: Conn, scope: Scope, code: string, raw: unknown) {
  const input = parseInput(outputKindInput, raw, outputKindLabels);
  const before = await db
    .selectFrom("activity_output_kinds")
    .selectAll()
    .where("code", "=", code)
    .executeTakeFirst();
  if (!before) throw new AppError("NOT_FOUND", { entity: "成效指标" });
  await kindLabelTaken(db, input.label, code);
  const row = await db
    .updateTable("activity_output_kinds")
    .set(input)
    .where("code", "=", code)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "update",
    entity: "activityOutputKind",
    recordId: code,
    before,
    after: row,
  });
  return row;
}
