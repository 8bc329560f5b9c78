import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Project } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";
import { acceptanceInput, midtermInput, recordLabels } from "./entities.ts";
import { acceptanceOutcome, rectifyLimit } from "./lifecycle.ts";
import * as repo from "./projects.repository.ts";
import { applyTransition } from "./projects.service.ts";

function invalid(field: string, label: string, message: string): AppError<"VALIDATION"> {
  return new AppError("VALIDATION", { fields: [{ field, label, message }] });
}

/**
 * A mid-term check. On a project 实施中 it also moves it to 中期检查; a second check on a
 * project already 中期检查 is just recorded.
 */
export async function recordMidterm(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Project> {
  const input = parseInput(midtermInput, raw, recordLabels);
  const p0 = await repo.lockProject(db, scope, id);
  if (!p0) return explainMissedWrite(db, scope, "projects", id, "科技项目");
  if (p0.status !== "实施中" && p0.status !== "中期检查")
    throw new AppError("BAD_STATE", {
      message: `当前状态“${p0.status}”不能登记中期检查（须为“实施中”或“中期检查”）`,
    });
  const p =
    p0.status === "实施中"
      ? await applyTransition(db, scope, id, {
          version: input.version,
          to: "中期检查",
          on: input.checkedOn,
          note: `中期检查：${input.result}`,
        })
      : p0;
  if (p === p0 && p0.version !== input.version)
    throw new AppError("VERSION_CONFLICT", { entity: "科技项目" });
  const row = await db
    .insertInto("project_midterms")
    .values({
      project_id: id,
      region_path: p.region_path,
      checked_on: input.checkedOn,
      result: input.result,
      delay_reason: input.delayReason ?? null,
      notes: input.notes || null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "projectMidterm",
    recordId: row.id,
    regionPath: p.region_path,
    after: row,
  });
  return p;
}

/**
 * An acceptance: task and financial conclusions decide the outcome (both must pass), and
 * the project moves from 申请验收 to that outcome on the acceptance date. 整改后通过 needs a
 * rectification deadline within three months.
 */
export async function recordAcceptance(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Project> {
  const input = parseInput(acceptanceInput, raw, recordLabels);
  const outcome = acceptanceOutcome(input.taskConclusion, input.financeConclusion);
  let rectifyBy: string | null = null;
  if (outcome === "整改后通过") {
    if (!input.rectifyBy) throw invalid("rectifyBy", "整改期限", "整改后通过须填写整改期限");
    const limit = rectifyLimit(input.acceptedOn);
    if (input.rectifyBy <= input.acceptedOn || input.rectifyBy > limit)
      throw invalid("rectifyBy", "整改期限", `应在验收日期之后、${limit}之前（3个月内）`);
    rectifyBy = input.rectifyBy;
  }
  const p = await applyTransition(
    db,
    scope,
    id,
    { version: input.version, to: outcome, on: input.acceptedOn, note: `验收结论：${outcome}` },
    true,
  );
  const row = await db
    .insertInto("project_acceptances")
    .values({
      project_id: id,
      region_path: p.region_path,
      accepted_on: input.acceptedOn,
      task_conclusion: input.taskConclusion,
      finance_conclusion: input.financeConclusion,
      outcome,
      rectify_by: rectifyBy,
      notes: input.notes || null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, scope, {
    action: "create",
    entity: "projectAcceptance",
    recordId: row.id,
    regionPath: p.region_path,
    after: row,
  });
  return p;
}
