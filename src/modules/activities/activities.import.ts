import type { Db } from "../../core/db/schema.ts";
import { type EntityDef, type FieldDef, withLiveOptions } from "../../core/entity/define.ts";
import { type ImportCounts, readImport } from "../../core/entity/import.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import * as repo from "./activities.repository.ts";
import { createActivity, updateActivity } from "./activities.service.ts";
import { type ActivityInput, activityEntity, activityInput } from "./entities.ts";

/**
 * The activity sheet: the ledger's columns plus one column per 成效指标 ("资料份数（份）"),
 * exactly as the export writes it, so an exported file imports back.
 */
export async function activitySheet(db: Db): Promise<EntityDef> {
  const base = await withLiveOptions(db, activityEntity);
  const outputs: Record<string, FieldDef> = {};
  for (const k of await repo.listOutputKinds(db)) {
    outputs[`output_${k.code}`] = {
      label: `${k.label}（${k.unit}）`,
      type: "number",
      excel: [`${k.label}（${k.unit}）`, k.label],
    };
  }
  return { ...base, fields: { ...base.fields, ...outputs } };
}

/** Moves the sheet's output_* cells into the service's outputs list, in place. */
function gatherOutputs(row: Record<string, unknown>): void {
  const outputs: { kind: string; value: unknown }[] = [];
  for (const [k, v] of Object.entries(row)) {
    if (!k.startsWith("output_")) continue;
    if (v !== undefined && v !== null && v !== "") outputs.push({ kind: k.slice(7), value: v });
    delete row[k];
  }
  row.outputs = outputs;
}

/**
 * Imports activities from Excel/CSV: all or nothing, every bad row reported; a row whose
 * 活动名称 and 活动日期 match an activity in scope updates it (outputs replaced), so a
 * re-imported export changes nothing.
 */
export async function importActivities(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: { filename: string; maxBytes?: number },
): Promise<ImportCounts> {
  const def = await activitySheet(db);
  const regions = await regionCellResolver(db, scope);
  const units = await whereInScope(
    db.selectFrom("units").select(["id", "name", "short_name"]),
    scope,
    "region_path",
  ).execute();
  const unitByName = new Map<string, number>();
  for (const u of units) {
    unitByName.set(u.name, u.id);
    if (u.short_name) unitByName.set(u.short_name, u.id);
  }
  const { values, total } = await readImport<ActivityInput>(input, opts, {
    def,
    schema: activityInput,
    naturalKey: (v) => `${v.title}|${v.heldOn}`,
    resolve: async (row) => {
      const issues = await regions.resolve(row);
      const unit = row.organiserUnitId;
      if (unit !== undefined) {
        const id = unitByName.get(String(unit));
        if (id === undefined)
          issues.push({ key: "organiserUnitId", message: `未找到单位“${String(unit)}”` });
        else row.organiserUnitId = id;
      }
      gatherOutputs(row);
      return issues;
    },
  });
  return db.transaction().execute(async (trx) => {
    const counts: ImportCounts = { total, created: 0, updated: 0, unchanged: 0 };
    for (const v of values) {
      const existing = await whereInScope(
        trx
          .selectFrom("activities")
          .select(["id", "version"])
          .where("title", "=", v.title)
          .where("held_on", "=", v.heldOn),
        scope,
        "region_path",
      ).executeTakeFirst();
      if (existing) {
        const before = await repo.loadChildren(trx, [existing.id]);
        const row = await trx
          .selectFrom("activities")
          .selectAll()
          .where("id", "=", existing.id)
          .executeTakeFirstOrThrow();
        const same =
          row.type === v.type &&
          (row.campaign_code ?? null) === (v.campaignCode || null) &&
          (row.place ?? null) === (v.place ?? null) &&
          (row.theme ?? null) === (v.theme ?? null) &&
          row.region_id === v.regionId &&
          JSON.stringify(before.outputs.map((o) => [o.kind, Number(o.value)]).sort()) ===
            JSON.stringify((v.outputs ?? []).map((o) => [o.kind, Number(o.value)]).sort());
        if (same) {
          counts.unchanged += 1;
          continue;
        }
        await updateActivity(trx, scope, existing.id, {
          ...v,
          partnerUnitIds: before.partners.map((p) => p.unit_id),
          version: existing.version,
        });
        counts.updated += 1;
      } else {
        await createActivity(trx, scope, v);
        counts.created += 1;
      }
    }
    return counts;
  });
}
