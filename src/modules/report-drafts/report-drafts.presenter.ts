import { z } from "zod";
import type { DraftChange } from "../../core/report/merge.ts";
import type { DraftRow, VersionRow } from "./report-drafts.repository.ts";

export const draftSummaryDto = z.object({
  id: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  period: z.object({ code: z.string(), from: z.string(), to: z.string() }),
  title: z.string(),
  versionNo: z.number(),
  version: z.number(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export const draftDto = draftSummaryDto.extend({
  /** The document people work on (ReportDocument JSON). */
  doc: z.unknown(),
  /** The generated document it is based on, for showing what people changed. */
  generated: z.unknown(),
  changes: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(["facts-changed", "facts-removed"]),
      before: z.string(),
      after: z.string().nullable(),
    }),
  ),
});

export const versionDto = z.object({
  no: z.number(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  doc: z.unknown().optional(),
});

export function presentDraftSummary(d: DraftRow): z.infer<typeof draftSummaryDto> {
  return {
    id: d.id,
    regionId: d.region_id,
    regionName: d.region_name,
    period: { code: d.period_code, from: d.period_from, to: d.period_to },
    title: d.title,
    versionNo: d.current_no,
    version: d.version,
    updatedBy: d.updated_by_name,
    updatedAt: d.updated_at.toISOString(),
  };
}

export function presentDraft(d: DraftRow): z.infer<typeof draftDto> {
  return {
    ...presentDraftSummary(d),
    doc: d.edited,
    generated: d.generated,
    changes: (d.changes ?? []) as DraftChange[],
  };
}

export function presentVersion(v: VersionRow, withDoc: boolean): z.infer<typeof versionDto> {
  return {
    no: v.no,
    note: v.note,
    createdBy: v.created_by_name,
    createdAt: v.created_at.toISOString(),
    ...(withDoc ? { doc: v.edited } : {}),
  };
}
