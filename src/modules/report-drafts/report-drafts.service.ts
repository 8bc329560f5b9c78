import type { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Conn, Db } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { AppError } from "../../core/errors.ts";
import { type Period, periodFromRange } from "../../core/metrics/period.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { composeReport } from "../../core/report/composer.ts";
import type { ReportContributor } from "../../core/report/contribution.ts";
import { type DraftChange, mergeRegenerated } from "../../core/report/merge.ts";
import type { ReportDocument } from "../../core/report/model.ts";
import { pathInScope, type Scope } from "../../core/scope.ts";
import { keepOnlyGeneratedNumbers, type reportDocumentSchema } from "./doc.schema.ts";
import * as repo from "./report-drafts.repository.ts";

export interface ReportDeps {
  registry: MetricRegistry;
  contributors: readonly ReportContributor[];
}

const ENTITY = "工作总结";
registerConstraintLabels({ report_drafts_region_period_key: "该地区该期间的工作总结" });

async function compose(
  db: Conn,
  deps: ReportDeps,
  draft: Pick<repo.DraftRow, "region_id" | "period_from" | "period_to">,
) {
  const region = await getRegion(db, draft.region_id);
  if (!region) throw new AppError("NOT_FOUND", { entity: "地区" });
  const period = periodFromRange(draft.period_from, draft.period_to);
  return composeReport({
    db,
    registry: deps.registry,
    contributors: deps.contributors,
    region,
    period,
  });
}

async function load(db: Conn, scope: Scope, id: number): Promise<repo.DraftRow> {
  const row = await repo.findDraft(db, scope, id);
  if (!row) throw new AppError("NOT_FOUND", { entity: ENTITY });
  return row;
}

/** Writes a new version of a draft (optimistically locked on the draft's version). */
async function saveVersion(
  trx: Conn,
  scope: Scope,
  draft: repo.DraftRow,
  expectedVersion: number,
  next: { generated: ReportDocument; edited: ReportDocument; changes: DraftChange[]; note: string },
): Promise<void> {
  const no = draft.current_no + 1;
  const updated = await trx
    .updateTable("report_drafts")
    .set({
      title: next.edited.title,
      generated: JSON.stringify(next.generated),
      edited: JSON.stringify(next.edited),
      changes: JSON.stringify(next.changes),
      current_no: no,
      updated_by: scope.userId,
      version: draft.version + 1,
      updated_at: new Date(),
    })
    .where("id", "=", draft.id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError("VERSION_CONFLICT", { entity: ENTITY });
  await trx
    .insertInto("report_versions")
    .values({
      draft_id: draft.id,
      no,
      generated: JSON.stringify(next.generated),
      edited: JSON.stringify(next.edited),
      note: next.note,
      created_by: scope.userId,
    })
    .execute();
  await writeAudit(trx, scope, {
    action: "update",
    entity: "report_draft",
    recordId: draft.id,
    regionPath: draft.region_path,
    after: { version: no, note: next.note, title: next.edited.title },
  });
}

/** Generates the first draft for a region and period; one draft per region and period. */
export async function createDraft(
  db: Db,
  scope: Scope,
  deps: ReportDeps,
  input: { regionId: number; period: Period },
): Promise<number> {
  const region = await getRegion(db, input.regionId);
  if (!region || !pathInScope(scope, region.path))
    throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
  const { period } = input;
  const doc = await composeReport({
    db,
    registry: deps.registry,
    contributors: deps.contributors,
    region,
    period,
  });
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("report_drafts")
      .values({
        region_id: region.id,
        region_path: region.path,
        period_code: period.code,
        period_from: period.from,
        period_to: period.to,
        title: doc.title,
        generated: JSON.stringify(doc),
        edited: JSON.stringify(doc),
        created_by: scope.userId,
        updated_by: scope.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("report_versions")
      .values({
        draft_id: id,
        no: 1,
        generated: JSON.stringify(doc),
        edited: JSON.stringify(doc),
        note: "生成初稿",
        created_by: scope.userId,
      })
      .execute();
    await writeAudit(trx, scope, {
      action: "create",
      entity: "report_draft",
      recordId: id,
      regionPath: region.path,
      after: { title: doc.title, period: period.code },
    });
    return id;
  });
}

export async function getDraft(db: Conn, scope: Scope, id: number): Promise<repo.DraftRow> {
  return load(db, scope, id);
}

/** Saves what people wrote; figures they typed are kept as text, see keepOnlyGeneratedNumbers. */
export async function saveDraft(
  db: Db,
  scope: Scope,
  id: number,
  input: { version: number; doc: z.infer<typeof reportDocumentSchema>; note?: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const draft = await load(trx, scope, id);
    const generated = draft.generated as ReportDocument;
    await saveVersion(trx, scope, draft, input.version, {
      generated,
      edited: keepOnlyGeneratedNumbers(input.doc, generated),
      changes: [],
      note: input.note?.trim() || "编辑保存",
    });
  });
}

/**
 * Generates the draft again from today's data and merges people's edits into it; returns
 * the facts that changed under rewritten paragraphs.
 */
export async function regenerateDraft(
  db: Db,
  scope: Scope,
  deps: ReportDeps,
  id: number,
  input: { version: number },
): Promise<DraftChange[]> {
  const current = await load(db, scope, id);
  const next = await compose(db, deps, current);
  return db.transaction().execute(async (trx) => {
    const draft = await load(trx, scope, id);
    const merged = mergeRegenerated(
      draft.generated as ReportDocument,
      draft.edited as ReportDocument,
      next,
    );
    await saveVersion(trx, scope, draft, input.version, {
      generated: next,
      edited: merged.doc,
      changes: merged.changes,
      note:
        merged.changes.length > 0 ? `重新生成（${merged.changes.length}处数据有变化）` : "重新生成",
    });
    return merged.changes;
  });
}

/** Makes an earlier version current again (as a new version, so nothing is lost). */
export async function restoreVersion(
  db: Db,
  scope: Scope,
  id: number,
  input: { version: number; no: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const draft = await load(trx, scope, id);
    const old = await repo.findVersion(trx, id, input.no);
    if (!old) throw new AppError("NOT_FOUND", { entity: "版本" });
    await saveVersion(trx, scope, draft, input.version, {
      generated: old.generated as ReportDocument,
      edited: old.edited as ReportDocument,
      changes: [],
      note: `恢复到第${old.no}版`,
    });
  });
}

export async function deleteDraft(
  db: Db,
  scope: Scope,
  id: number,
  version: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const draft = await load(trx, scope, id);
    const res = await trx
      .deleteFrom("report_drafts")
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1)
      throw new AppError("VERSION_CONFLICT", { entity: ENTITY });
    await writeAudit(trx, scope, {
      action: "delete",
      entity: "report_draft",
      recordId: id,
      regionPath: draft.region_path,
      before: { title: draft.title, period: draft.period_code },
    });
  });
}
