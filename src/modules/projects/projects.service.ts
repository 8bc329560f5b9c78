import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Project } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { findEnterprise } from "../enterprises/enterprises.repository.ts";
import {
  type ProjectInput,
  projectEntity,
  projectInput,
  projectUpdate,
  recordLabels,
  transitionInput,
} from "./entities.ts";
import { ACCEPTANCE_OUTCOMES, transitionError } from "./lifecycle.ts";
import { enterpriseByCell } from "./lookup.ts";
import * as repo from "./projects.repository.ts";
import { followProjectRegion } from "./region-cascade.ts";

registerConstraintLabels({ projects_approval_no_key: "该立项编号的项目" });

const ENTITY = "project";
const LABEL = projectEntity.label;

function invalid(field: string, label: string, message: string): AppError<"VALIDATION"> {
  return new AppError("VALIDATION", { fields: [{ field, label, message }] });
}

async function toRow(db: Conn, scope: Scope, input: ProjectInput): Promise<repo.ProjectValues> {
  const region = await regionForWrite(db, scope, input.regionId);
  if (!(await repo.programmeExists(db, input.programmeCode)))
    throw invalid("programmeCode", "计划类别", "不是可选的计划类别");
  let undertaker = input.undertakerName ?? "";
  let enterpriseId = input.enterpriseId ?? null;
  if (input.enterpriseId) {
    const e = await findEnterprise(db, scope, input.enterpriseId);
    if (!e) throw new AppError("OUT_OF_SCOPE", { what: "所选承担企业" });
    undertaker = e.name;
  } else if (undertaker) {
    // A typed name that is a registry enterprise links to it, so its projects show there.
    const hit = await enterpriseByCell(db, scope, undertaker);
    if (hit && hit !== "ambiguous") enterpriseId = hit.id;
  }
  return {
    region_id: region.id,
    region_path: region.path,
    name: input.name,
    level: input.level,
    programme_code: input.programmeCode,
    enterprise_id: enterpriseId,
    undertaker_name: undertaker,
    partners: input.partners || null,
    task_book_no: input.taskBookNo || null,
    approval_no: input.approvalNo || null,
    start_on: input.startOn ?? null,
    end_on: input.endOn ?? null,
    fund_national: input.fundNational,
    fund_provincial: input.fundProvincial,
    fund_city: input.fundCity,
    fund_county: input.fundCounty,
    fund_self: input.fundSelf,
    staff: input.staff || null,
    apply_year: input.applyYear,
    notes: input.notes || null,
  };
}

/** Creates a project in 储备 with its first history row dated 征集日期 (default today). */
export async function createProject(db: Conn, scope: Scope, raw: unknown): Promise<Project> {
  const input = parseInput(projectInput, raw, projectEntity);
  const on = input.collectedOn ?? new Date().toISOString().slice(0, 10);
  const p = await repo.insertProject(db, await toRow(db, scope, input));
  await repo.insertTransition(db, {
    project_id: p.id,
    region_path: p.region_path,
    from_status: null,
    to_status: p.status,
    occurred_on: on,
    note: "录入",
    user_id: scope.userId,
  });
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: p.id,
    regionPath: p.region_path,
    after: p,
  });
  return p;
}

export async function updateProject(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Project> {
  const { version, ...input } = parseInput(projectUpdate, raw, projectEntity);
  const before = await repo.lockProject(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "projects", id, LABEL);
  const row = await toRow(db, scope, input);
  const paid = (await repo.getProject(db, scope, id))?.paid ?? 0;
  if (repo.fiscalTotal(row) < Number(paid))
    throw new AppError("BAD_STATE", {
      message: `已拨付${wan(Number(paid))}万元，财政经费合计不能少于已拨付金额（现为${wan(repo.fiscalTotal(row))}万元）`,
    });
  const p = await repo.updateProject(db, scope, id, version, row);
  if (!p) return explainMissedWrite(db, scope, "projects", id, LABEL);
  await followProjectRegion(db, before, p);
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: p.region_path,
    before,
    after: p,
  });
  return p;
}

export async function deleteProject(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const p = await repo.deleteProject(db, scope, id, version);
  if (!p) return explainMissedWrite(db, scope, "projects", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: p.region_path,
    before: p,
  });
}

/** 万元 with up to four decimals, as bureaus write amounts ("30万元", "12.5万元"). */
export function wan(yuan: number): string {
  return String(Math.round(yuan) / 10000);
}

/**
 * Moves a project to `to` on `on`: refuses illegal moves and back-dated ones, then writes
 * the status (version-checked) and the dated history row in the caller's transaction.
 */
export async function applyTransition(
  db: Conn,
  scope: Scope,
  id: number,
  args: { version: number; to: string; on: string; note?: string | null },
  viaAcceptance = false,
): Promise<Project> {
  const before = await repo.lockProject(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "projects", id, LABEL);
  if (before.version !== args.version) throw new AppError("VERSION_CONFLICT", { entity: LABEL });
  const err = transitionError(before.status, args.to);
  if (err) throw new AppError("BAD_STATE", { message: err });
  if (!viaAcceptance && (ACCEPTANCE_OUTCOMES as readonly string[]).includes(args.to))
    throw new AppError("BAD_STATE", { message: "验收结论请通过“登记验收”录入" });
  const last = await repo.lastTransitionDate(db, id);
  if (last && args.on < last)
    throw invalid("on", "日期", `不能早于上一次状态变更的日期（${last}）`);
  const p = await repo.updateProject(db, scope, id, args.version, { status: args.to });
  if (!p) return explainMissedWrite(db, scope, "projects", id, LABEL);
  await repo.insertTransition(db, {
    project_id: id,
    region_path: p.region_path,
    from_status: before.status,
    to_status: args.to,
    occurred_on: args.on,
    note: args.note || null,
    user_id: scope.userId,
  });
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: p.region_path,
    before: { status: before.status },
    after: { status: p.status, on: args.on, note: args.note ?? null },
  });
  return p;
}

/** The transition endpoint; 通过验收/整改后通过/不通过 only through an acceptance record. */
export async function transitionProject(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Project> {
  const input = parseInput(transitionInput, raw, recordLabels);
  return applyTransition(db, scope, id, input);
}
