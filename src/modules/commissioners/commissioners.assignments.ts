import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn } from "../../core/db/schema.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import * as repo from "./commissioners.repository.ts";
import { refuseMissedWrite } from "./commissioners.service.ts";
import { assignmentDef } from "./entities.assignments.ts";

/*
 * One assignment at a time, from the commissioner's record: add a town/village with a
 * from–to period, end it (set the end date) or remove a mistaken one. Every change is
 * audited against the commissioner's region.
 */

const ENTITY = "commissionerAssignment";

export const assignmentEdit = z
  .object({
    regionId: z.coerce.number().int().positive("请选择服务乡镇（村）"),
    startsOn: isoDateString,
    endsOn: isoDateString.nullish().transform((v) => v ?? null),
  })
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, {
    path: ["endsOn"],
    message: "结束日期不能早于开始日期",
  });

/** Towns (level 4) and villages (level 5) in scope only: a county is not a place served. */
export async function townOrVillage(db: Conn, scope: Scope, regionId: number) {
  const region = await regionForWrite(db, scope, regionId).catch(() => null);
  if (!region || region.level < 4)
    throw new AppError("VALIDATION", {
      fields: [
        { field: "regionId", label: "服务乡镇（村）", message: "应为您数据范围内的乡镇或村" },
      ],
    });
  return region;
}

async function commissionerOf(db: Conn, scope: Scope, id: number) {
  const c = await repo.getCommissioner(db, scope, id);
  if (!c) return refuseMissedWrite(db, scope, id);
  return c;
}

async function assignmentInScope(db: Conn, scope: Scope, id: number) {
  const a = await db
    .selectFrom("commissioner_assignments")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!a) throw new AppError("NOT_FOUND", { entity: "服务安排" });
  const c = await commissionerOf(db, scope, a.commissioner_id).catch(() => null);
  if (!c) throw new AppError("NOT_FOUND", { entity: "服务安排" });
  return { a, c };
}

export async function addAssignment(db: Conn, scope: Scope, commissionerId: number, raw: unknown) {
  const c = await commissionerOf(db, scope, commissionerId);
  const input = parseInput(assignmentEdit, raw, assignmentDef);
  const region = await townOrVillage(db, scope, input.regionId);
  const row = await db
    .insertInto("commissioner_assignments")
    .values({
      commissioner_id: c.id,
      region_id: region.id,
      region_path: region.path,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: row.id,
    regionPath: c.region_path,
    after: row,
  });
  return row;
}

/** Changes place or dates; ending an assignment is setting its end date. */
export async function updateAssignment(db: Conn, scope: Scope, id: number, raw: unknown) {
  const { a, c } = await assignmentInScope(db, scope, id);
  const input = parseInput(assignmentEdit, raw, assignmentDef);
  const region = await townOrVillage(db, scope, input.regionId);
  const row = await db
    .updateTable("commissioner_assignments")
    .set({
      region_id: region.id,
      region_path: region.path,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: c.region_path,
    before: a,
    after: row,
  });
  return row;
}

export async function deleteAssignment(db: Conn, scope: Scope, id: number): Promise<void> {
  const { a, c } = await assignmentInScope(db, scope, id);
  await db.deleteFrom("commissioner_assignments").where("id", "=", id).execute();
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: c.region_path,
    before: a,
  });
}
