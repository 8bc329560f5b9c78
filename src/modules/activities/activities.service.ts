import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Activity, Conn } from "../../core/db/schema.ts";
import { explainMissedWrite } from "../../core/entity/concurrency.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError, type FieldIssue } from "../../core/errors.ts";
import { regionForWrite, type Scope } from "../../core/scope.ts";
import * as repo from "./activities.repository.ts";
import {
  type ActivityInput,
  activityEntity,
  activityInput,
  activityUpdate,
  activityValidationDef,
} from "./entities.ts";

const ENTITY = "activity";
const LABEL = activityEntity.label;

function toRow(input: ActivityInput, regionPath: string): repo.NewActivityRow {
  return {
    region_id: input.regionId,
    region_path: regionPath,
    title: input.title,
    type: input.type,
    campaign_code: input.campaignCode || null,
    edition: input.edition ?? null,
    held_on: input.heldOn,
    place: input.place || null,
    theme: input.theme || null,
    organiser_unit_id: input.organiserUnitId ?? null,
    notes: input.notes || null,
  };
}

/**
 * Checks what the schema cannot: dictionary codes exist, output kinds are not repeated,
 * and every named unit is one the record's region may use.
 */
async function checkReferences(db: Conn, scope: Scope, input: ActivityInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const label = (k: string) => activityValidationDef.fields[k]?.label;
  if (input.campaignCode) {
    const campaigns = await repo.listCampaigns(db);
    if (!campaigns.some((c) => c.code === input.campaignCode))
      issues.push({
        field: "campaignCode",
        label: label("campaignCode"),
        message: `“${input.campaignCode}”不是已登记的主题活动`,
      });
  }
  if (input.outputs && input.outputs.length > 0) {
    const kinds = new Map((await repo.listOutputKinds(db)).map((k) => [k.code, k]));
    const byLabel = new Map([...kinds.values()].map((k) => [k.label, k.code]));
    const seen = new Set<string>();
    input.outputs.forEach((o, i) => {
      // Accept the Chinese label as well as the code: people type what they see.
      const code = kinds.has(o.kind) ? o.kind : byLabel.get(o.kind);
      if (!code) {
        issues.push({
          field: `outputs.${i}.kind`,
          label: label("outputs"),
          message: `第${i + 1}项“${o.kind}”不是已登记的成效指标`,
        });
        return;
      }
      if (seen.has(code)) {
        issues.push({
          field: `outputs.${i}.kind`,
          label: label("outputs"),
          message: `“${kinds.get(code)?.label ?? code}”重复填写`,
        });
      }
      seen.add(code);
      o.kind = code;
    });
  }
  const unitIds = [...(input.partnerUnitIds ?? [])];
  if (input.organiserUnitId) unitIds.push(input.organiserUnitId);
  const usable = await repo.unitsUsableIn(db, scope, unitIds);
  if (input.organiserUnitId && !usable.has(input.organiserUnitId))
    issues.push({
      field: "organiserUnitId",
      label: label("organiserUnitId"),
      message: "单位不存在，或不在您的数据范围内",
    });
  if ((input.partnerUnitIds ?? []).some((id) => !usable.has(id)))
    issues.push({
      field: "partnerUnitIds",
      label: label("partnerUnitIds"),
      message: "单位不存在，或不在您的数据范围内",
    });
  if (issues.length > 0) throw new AppError("VALIDATION", { fields: issues });
}

async function writeChildren(db: Conn, id: number, input: ActivityInput): Promise<void> {
  if (input.outputs) await repo.replaceOutputs(db, id, input.outputs);
  if (input.partnerUnitIds) await repo.replacePartners(db, id, [...new Set(input.partnerUnitIds)]);
}

async function snapshot(db: Conn, activity: Activity) {
  const { outputs, partners } = await repo.loadChildren(db, [activity.id]);
  return {
    ...activity,
    outputs: outputs.map((o) => ({ kind: o.kind, value: o.value })),
    partnerUnitIds: partners.map((p) => p.unit_id),
  };
}

export async function createActivity(db: Conn, scope: Scope, raw: unknown): Promise<Activity> {
  const input = parseInput(activityInput, raw, activityValidationDef);
  const region = await regionForWrite(db, scope, input.regionId);
  await checkReferences(db, scope, input);
  const activity = await repo.insertActivity(db, toRow(input, region.path));
  await writeChildren(db, activity.id, input);
  await writeAudit(db, scope, {
    action: "create",
    entity: ENTITY,
    recordId: activity.id,
    regionPath: activity.region_path,
    after: await snapshot(db, activity),
  });
  return activity;
}

export async function updateActivity(
  db: Conn,
  scope: Scope,
  id: number,
  raw: unknown,
): Promise<Activity> {
  const { version, ...input } = parseInput(activityUpdate, raw, activityValidationDef);
  const before = await repo.getActivity(db, scope, id);
  if (!before) return explainMissedWrite(db, scope, "activities", id, LABEL);
  const region = await regionForWrite(db, scope, input.regionId);
  await checkReferences(db, scope, input);
  const { region_name: _r, organiser_name: _o, campaign_name: _c, ...beforeRow } = before;
  const beforeSnap = await snapshot(db, beforeRow);
  const activity = await repo.updateActivity(db, scope, id, version, toRow(input, region.path));
  if (!activity) return explainMissedWrite(db, scope, "activities", id, LABEL);
  await writeChildren(db, id, input);
  await writeAudit(db, scope, {
    action: "update",
    entity: ENTITY,
    recordId: id,
    regionPath: activity.region_path,
    before: beforeSnap,
    after: await snapshot(db, activity),
  });
  return activity;
}

export async function deleteActivity(
  db: Conn,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  const existing = await repo.getActivity(db, scope, id);
  const before = existing ? await snapshot(db, existing) : null;
  const activity = await repo.deleteActivity(db, scope, id, version);
  if (!activity) return explainMissedWrite(db, scope, "activities", id, LABEL);
  await writeAudit(db, scope, {
    action: "delete",
    entity: ENTITY,
    recordId: id,
    regionPath: activity.region_path,
    before,
  });
}
