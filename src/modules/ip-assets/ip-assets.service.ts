import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, IpDesignation, IpPledge } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import { findEnterprise } from "../enterprises/enterprises.repository.ts";
import {
  type DesignationInput,
  designationEntity,
  designationInput,
  designationUpdate,
  kindOf,
  type PledgeInput,
  pledgeEntity,
  pledgeInput,
  pledgeUpdate,
  REVOKED_ON_REQUIRED,
  revokedWithoutDate,
} from "./entities.ts";
import * as repo from "./ip-assets.repository.ts";
import { pledgeLinks, subsidyProblem } from "./subsidy-options.ts";

registerConstraintLabels({
  ip_pledges_key: "该企业同一日期在同一质权人的质押登记",
  ip_designations_enterprise_key: "该企业同一年度的同类荣誉",
  ip_designations_region_key: "该地区同一年度的同类称号",
  ip_pledges_payment_id_fkey: "该拨付记录（已关联质押融资）",
});

const PLEDGES = "ip_pledges";
const DESIGNATIONS = "ip_designations";

function invalid(field: string, label: string, message: string): AppError {
  return new AppError("VALIDATION", { fields: [{ field, label, message }] });
}

async function enterpriseInScope(db: Conn, scope: Scope, id: number, label: string) {
  const e = await findEnterprise(db, scope, id);
  if (!e) throw invalid("enterpriseId", label, "企业不存在，或不在您的数据范围内");
  return e;
}

/**
 * The row to store for a pledge: region from the enterprise, the subsidy checked. `before` is
 * the stored pledge on an update: a link it already holds is kept without re-checking, so a
 * pledge stays editable even where older data linked one payment twice.
 */
export async function pledgeRow(
  db: Conn,
  scope: Scope,
  input: PledgeInput,
  before?: Pick<IpPledge, "id" | "payment_id">,
): Promise<repo.PledgeValues> {
  const e = await enterpriseInScope(db, scope, input.enterpriseId, "出质企业");
  const region = await regionForWrite(db, scope, e.region_id);
  if (input.paymentId && input.paymentId !== before?.payment_id) {
    const label = pledgeEntity.fields.paymentId.label;
    const problem = await subsidyProblem(db, scope, input.paymentId, e);
    if (problem) throw invalid("paymentId", label, problem);
    // One 贴息 payment subsidises one pledge's loan: a second link would count it twice.
    const owner = (await pledgeLinks(db, scope, [input.paymentId], before?.id)).get(
      input.paymentId,
    );
    if (owner !== undefined)
      throw new AppError("BAD_STATE", {
        message: `${label}：该拨付记录已关联质押融资（${owner}），一笔贴息只能关联一笔质押融资；如需改关联，请先在原质押融资中清除`,
      });
  }
  return {
    region_id: region.id,
    region_path: region.path,
    enterprise_id: e.id,
    patent_count: input.patentCount ?? input.applicationNos.length,
    application_nos: input.applicationNos,
    bank: input.bank,
    amount: input.amount,
    registered_on: input.registeredOn,
    term_months: input.termMonths ?? null,
    payment_id: input.paymentId ?? null,
    notes: input.notes || null,
  };
}

/** The row to store for a designation: an enterprise's region, or the named region. */
export async function designationRow(
  db: Conn,
  scope: Scope,
  input: DesignationInput,
): Promise<repo.DesignationValues> {
  const kind = kindOf(input.kind);
  let regionId = input.regionId ?? scope.regionId;
  if (input.enterpriseId) {
    const e = await enterpriseInScope(db, scope, input.enterpriseId, "企业");
    regionId = e.region_id;
  }
  const region = await regionForWrite(db, scope, regionId);
  return {
    region_id: region.id,
    region_path: region.path,
    kind: input.kind,
    level: input.level ?? kind?.level ?? "县",
    year: input.year ?? Number(input.recognisedOn.slice(0, 4)),
    enterprise_id: input.enterpriseId ?? null,
    recognised_on: input.recognisedOn,
    document_no: input.documentNo || null,
    status: input.status ?? "有效",
    expires_on: input.expiresOn ?? null,
    revoked_on: input.revokedOn ?? null,
    notes: input.notes || null,
  };
}

type Audited = { id: number; region_path: string };

async function audit<T extends Audited>(
  db: Conn,
  scope: Scope,
  entity: string,
  action: "create" | "update" | "delete",
  rows: { before?: object; after?: T; id: number; regionPath: string },
) {
  await writeAudit(db, scope, {
    action,
    entity,
    recordId: rows.id,
    regionPath: rows.regionPath,
    before: rows.before,
    after: rows.after,
  });
}

export async function createPledge(db: Conn, scope: Scope, raw: unknown): Promise<IpPledge> {
  const input = parseInput(pledgeInput, raw, pledgeEntity);
  const p = await repo.insertPledge(db, await pledgeRow(db, scope, input));
  await audit(db, scope, pledgeEntity.name, "create", {
    after: p,
    id: p.id,
    regionPath: p.region_path,
  });
  return p;
}

export async function updatePledge(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<IpPledge> {
  const { version, ...input } = parseInput(pledgeUpdate, raw, pledgeEntity);
  const before = await repo.getPledge(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, PLEDGES, id, pledgeEntity.label);
  const row = await pledgeRow(db, scope, input, before);
  const p = await repo.updatePledge(db, scope, id, version, row);
  if (!p) return explainMissedWrite(db, scope, PLEDGES, id, pledgeEntity.label);
  await audit(db, scope, pledgeEntity.name, "update", {
    before: pledgeRecord(before),
    after: p,
    id,
    regionPath: p.region_path,
  });
  return p;
}

/** A joined list row reduced to the table's own columns (what the audit log stores). */
export function pledgeRecord(r: repo.PledgeRow): IpPledge {
  const {
    region_name: _r,
    enterprise_name: _e,
    payment_paid_on: _d,
    payment_amount: _a,
    payment_voucher_no: _v,
    payment_project_name: _n,
    ...row
  } = r;
  return row;
}

export async function deletePledge(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const p = await repo.deletePledge(db, scope, id, version);
  if (!p) return explainMissedWrite(db, scope, PLEDGES, id, pledgeEntity.label);
  await audit(db, scope, pledgeEntity.name, "delete", { before: p, id, regionPath: p.region_path });
}

export async function createDesignation(
  db: Conn,
  scope: Scope,
  raw: unknown,
): Promise<IpDesignation> {
  const input = parseInput(designationInput, raw, designationEntity);
  const d = await repo.insertDesignation(db, await designationRow(db, scope, input));
  await audit(db, scope, designationEntity.name, "create", {
    after: d,
    id: d.id,
    regionPath: d.region_path,
  });
  return d;
}

export async function updateDesignation(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<IpDesignation> {
  const { version, ...input } = parseInput(designationUpdate, raw, designationEntity);
  const before = await repo.getDesignation(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, DESIGNATIONS, id, designationEntity.label);
  if (input.status === "撤销" && !input.revokedOn && !revokedWithoutDate(before))
    throw invalid("revokedOn", designationEntity.fields.revokedOn.label, REVOKED_ON_REQUIRED);
  const row = await designationRow(db, scope, input);
  const d = await repo.updateDesignation(db, scope, id, version, row);
  if (!d) return explainMissedWrite(db, scope, DESIGNATIONS, id, designationEntity.label);
  const { region_name: _r, enterprise_name: _e, ...beforeRow } = before;
  await audit(db, scope, designationEntity.name, "update", {
    before: beforeRow,
    after: d,
    id,
    regionPath: d.region_path,
  });
  return d;
}

export async function deleteDesignation(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const d = await repo.deleteDesignation(db, scope, id, version);
  if (!d) return explainMissedWrite(db, scope, DESIGNATIONS, id, designationEntity.label);
  await audit(db, scope, designationEntity.name, "delete", {
    before: d,
    id,
    regionPath: d.region_path,
  });
}
