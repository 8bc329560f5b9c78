import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, IpDispute, IpEnforcementAction } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import {
  DISPUTE_STATUSES,
  type DisputeInput,
  disputeEntity,
  disputeInput,
  disputeUpdate,
  type EnforcementInput,
  enforcementEntity,
  enforcementInput,
  enforcementUpdate,
} from "./entities.ts";
import * as repo from "./ip-work.repository.ts";

registerConstraintLabels({ ip_disputes_case_no_key: "本地区该案件编号的纠纷案件" });

const ACTIONS = "ip_enforcement_actions";
const DISPUTES = "ip_disputes";

export function actionRow(input: EnforcementInput, regionPath: string): repo.EnforcementValues {
  return {
    region_id: input.regionId,
    region_path: regionPath,
    held_on: input.heldOn,
    place: input.place || null,
    name: input.name,
    campaign: input.campaign || null,
    partners: input.partners || null,
    officers: input.officers,
    inspections: input.inspections,
    shops: input.shops,
    goods: input.goods,
    cases_filed: input.casesFiled,
    cases_closed: input.casesClosed,
    notes: input.notes || null,
  };
}

export function disputeRow(input: DisputeInput, regionPath: string): repo.DisputeValues {
  const closed = input.status === "结案";
  return {
    region_id: input.regionId,
    region_path: regionPath,
    case_no: input.caseNo,
    type: input.type,
    received_on: input.receivedOn,
    parties: input.parties,
    status: input.status,
    closed_on: closed ? (input.closedOn ?? null) : null,
    // An outcome belongs to a closed case only.
    outcome: closed ? (input.outcome ?? null) : null,
    notes: input.notes || null,
  };
}

export async function createAction(
  db: Conn,
  scope: Scope,
  raw: unknown,
): Promise<IpEnforcementAction> {
  const input = parseInput(enforcementInput, raw, enforcementEntity);
  const region = await regionForWrite(db, scope, input.regionId);
  const [a] = await repo.insertActions(db, [actionRow(input, region.path)]);
  if (!a) throw new AppError("INTERNAL");
  await writeAudit(db, scope, {
    action: "create",
    entity: enforcementEntity.name,
    recordId: a.id,
    regionPath: a.region_path,
    after: a,
  });
  return a;
}

export async function updateAction(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<IpEnforcementAction> {
  const { version, ...input } = parseInput(enforcementUpdate, raw, enforcementEntity);
  const before = await repo.getAction(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, ACTIONS, id, enforcementEntity.label);
  const region = await regionForWrite(db, scope, input.regionId);
  const a = await repo.updateAction(db, scope, id, version, actionRow(input, region.path));
  if (!a) return explainMissedWrite(db, scope, ACTIONS, id, enforcementEntity.label);
  const { region_name: _n, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: enforcementEntity.name,
    recordId: id,
    regionPath: a.region_path,
    before: beforeRow,
    after: a,
  });
  return a;
}

export async function deleteAction(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const a = await repo.deleteAction(db, scope, id, version);
  if (!a) return explainMissedWrite(db, scope, ACTIONS, id, enforcementEntity.label);
  await writeAudit(db, scope, {
    action: "delete",
    entity: enforcementEntity.name,
    recordId: id,
    regionPath: a.region_path,
    before: a,
  });
}

export async function createDispute(db: Conn, scope: Scope, raw: unknown): Promise<IpDispute> {
  const input = parseInput(disputeInput, raw, disputeEntity);
  const region = await regionForWrite(db, scope, input.regionId);
  const [d] = await repo.insertDisputes(db, [disputeRow(input, region.path)]);
  if (!d) throw new AppError("INTERNAL");
  await writeAudit(db, scope, {
    action: "create",
    entity: disputeEntity.name,
    recordId: d.id,
    regionPath: d.region_path,
    after: d,
  });
  return d;
}

export const stage = (status: string) =>
  DISPUTE_STATUSES.indexOf(status as (typeof DISPUTE_STATUSES)[number]);

export async function updateDispute(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<IpDispute> {
  const { version, ...input } = parseInput(disputeUpdate, raw, disputeEntity);
  const before = await repo.getDispute(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, DISPUTES, id, disputeEntity.label);
  if (stage(input.status) < stage(before.status))
    throw new AppError("BAD_STATE", {
      message: `案件已${before.status === "结案" ? "结案" : `处于“${before.status}”`}，办理状态不能退回“${input.status}”`,
    });
  const region = await regionForWrite(db, scope, input.regionId);
  const d = await repo.updateDispute(db, scope, id, version, disputeRow(input, region.path));
  if (!d) return explainMissedWrite(db, scope, DISPUTES, id, disputeEntity.label);
  const { region_name: _n, ...beforeRow } = before;
  await writeAudit(db, scope, {
    action: "update",
    entity: disputeEntity.name,
    recordId: id,
    regionPath: d.region_path,
    before: beforeRow,
    after: d,
  });
  return d;
}

export async function deleteDispute(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const d = await repo.deleteDispute(db, scope, id, version);
  if (!d) return explainMissedWrite(db, scope, DISPUTES, id, disputeEntity.label);
  await writeAudit(db, scope, {
    action: "delete",
    entity: disputeEntity.name,
    recordId: id,
    regionPath: d.region_path,
    before: d,
  });
}
