import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Commissioner, Conn } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import * as repo from "./commissioners.repository.ts";
import {
  type CommissionerInput,
  commissionerEntity,
  commissionerInput,
  commissionerUpdate,
  commissionerValidationDef,
  serviceInput,
  serviceValidationDef,
} from "./entities.ts";

const ENTITY = "commissioner";
const LABEL = commissionerEntity.label;

export function toRow(input: CommissionerInput, regionPath: string): repo.CommissionerValues {
  return {
    region_id: input.regionId,
    region_path: regionPath,
    name: input.name,
    unit_name: input.unitName || null,
    title: input.title || null,
    specialty: input.specialty || null,
    phone: input.phone || null,
    level: input.level,
    team: input.team || null,
    notes: input.notes || null,
  };
}

/** Assignment regions must be towns or villages inside the caller's scope. */
async function resolveAssignments(db: Conn, scope: Scope, input: CommissionerInput) {
  if (!input.assignments) return null;
  const out = [];
  for (const [i, a] of input.assignments.entries()) {
    const region = await regionForWrite(db, scope, a.regionId).catch(() => null);
    if (!region || region.level < 4)
      throw new AppError("VALIDATION", {
        fields: [
          {
            field: `assignments.${i}.regionId`,
            label: "服务乡镇（村）",
            message: `第${i + 1}条应为您数据范围内的乡镇或村`,
          },
        ],
      });
    out.push({
      regionId: region.id,
      regionPath: region.path,
      startsOn: a.startsOn,
      endsOn: a.endsOn ?? null,
    });
  }
  return out;
}

async function snapshot(db: Conn, c: Commissioner) {
  const assignments = await repo.loadAssignments(db, [c.id]);
  return {
    ...c,
    assignments: assignments.map((a) => ({
      regionId: a.region_id,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
    })),
  };
}

export async function createCommissioner(db: Conn, scope: Scope, raw: unknown) {
  const input = parseInput(commissionerInput, raw, commissionerValidationDef);
  const region = await regionForWrite(db, scope, input.regionId);
  const assignments = await resolveAssignments(db, scope, input);
  const c = await repo.insertCommissioner(db, toRow(input, region.path));
  if (assignments) await repo.replaceAssignments(db, c.id, assignments);
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: c.id,
    regionPath: c.region_path,
    after: await snapshot(db, c),
  });
  return c;
}

/**
 * A write to a commissioner the caller cannot change: 403 when they can still read it (a
 * city's commissioner serving a town of theirs), otherwise 409 or 404 as for any record.
 */
export async function refuseMissedWrite(db: Conn, scope: Scope, id: number): Promise<never> {
  if (await repo.readCommissioner(db, scope, id))
    throw new AppError("FORBIDDEN", { reason: "该科技特派员由上级选派，只能由选派单位修改" });
  return explainMissedWrite(db, scope, "commissioners", id, LABEL);
}

export async function updateCommissioner(db: Conn, scope: Scope, id: number, raw: unknown) {
  const { version, ...input } = parseInput(commissionerUpdate, raw, commissionerValidationDef);
  const found = await repo.getCommissioner(db, scope, id);
  if (!found) return refuseMissedWrite(db, scope, id);
  const { region_name: _n, own: _o, ...beforeRow } = found;
  const before = await snapshot(db, beforeRow);
  const region = await regionForWrite(db, scope, input.regionId);
  const assignments = await resolveAssignments(db, scope, input);
  const c = await repo.updateCommissioner(db, scope, id, version, toRow(input, region.path));
  if (!c) return explainMissedWrite(db, scope, "commissioners", id, LABEL);
  if (assignments) await repo.replaceAssignments(db, c.id, assignments);
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: c.region_path,
    before,
    after: await snapshot(db, c),
  });
  return c;
}

export async function deleteCommissioner(db: Conn, scope: Scope, id: number, version: number) {
  const found = await repo.getCommissioner(db, scope, id);
  if (!found) return refuseMissedWrite(db, scope, id);
  const { region_name: _n, own: _o, ...row } = found;
  const before = await snapshot(db, row);
  const c = await repo.deleteCommissioner(db, scope, id, version);
  if (!c) return explainMissedWrite(db, scope, "commissioners", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: c.region_path,
    before,
  });
}

/** Adds a service log entry to a commissioner in scope, at a place in scope. */
export async function addService(db: Conn, scope: Scope, commissionerId: number, raw: unknown) {
  const c = await repo.getCommissioner(db, scope, commissionerId);
  if (!c) return refuseMissedWrite(db, scope, commissionerId);
  const input = parseInput(serviceInput, raw, serviceValidationDef);
  const region = await regionForWrite(db, scope, input.regionId);
  const row = await db
    .insertInto("commissioner_services")
    .values({
      commissioner_id: c.id,
      region_id: region.id,
      region_path: region.path,
      served_on: input.servedOn,
      content: input.content,
      people_reached: input.peopleReached,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "commissionerService",
    recordId: row.id,
    regionPath: row.region_path,
    after: row,
  });
  return row;
}

export async function deleteService(db: Conn, scope: Scope, serviceId: number): Promise<void> {
  const row = await db
    .deleteFrom("commissioner_services")
    .where("id", "=", serviceId)
    .where("region_path", "like", `${scope.regionPath}%`)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", { entity: "服务记录" });
  await writeAudit(db, scope, {
    action: "delete",
    entity: "commissionerService",
    recordId: row.id,
    regionPath: row.region_path,
    before: row,
  });
}
