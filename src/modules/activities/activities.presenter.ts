import { z } from "zod";
import type { Activity } from "../../core/db/schema.ts";
import type { ActivityChildren, ActivityRow } from "./activities.repository.ts";

export const activityDto = z.object({
  id: z.number(),
  title: z.string(),
  type: z.string(),
  campaignCode: z.string().nullable(),
  campaignName: z.string().nullable(),
  edition: z.number().nullable(),
  heldOn: z.string(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  place: z.string().nullable(),
  theme: z.string().nullable(),
  organiserUnitId: z.number().nullable(),
  unitName: z.string().nullable(),
  partnerUnitIds: z.array(z.number()),
  partnerNames: z.array(z.string()),
  outputs: z.array(z.object({ kind: z.string(), value: z.number() })),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type ActivityDto = z.infer<typeof activityDto>;

export function presentActivity(
  a: Activity | ActivityRow,
  children: ActivityChildren,
): ActivityDto {
  const row = a as Partial<ActivityRow>;
  const partners = children.partners.filter((p) => p.activity_id === a.id);
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    campaignCode: a.campaign_code,
    campaignName: row.campaign_name ?? null,
    edition: a.edition,
    heldOn: a.held_on,
    regionId: a.region_id,
    regionName: row.region_name ?? null,
    place: a.place,
    theme: a.theme,
    organiserUnitId: a.organiser_unit_id,
    // `unitName` is what exportRow writes for the unit-typed field.
    unitName: row.organiser_name ?? null,
    partnerUnitIds: partners.map((p) => p.unit_id),
    partnerNames: partners.map((p) => p.name),
    outputs: children.outputs
      .filter((o) => o.activity_id === a.id)
      .map((o) => ({ kind: o.kind, value: o.value })),
    notes: a.notes,
    version: a.version,
    updatedAt: a.updated_at,
  };
}
