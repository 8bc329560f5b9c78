import { z } from "zod";
import type { Commissioner } from "../../core/db/schema.ts";
import { pathInScope, type Scope } from "../../core/scope.ts";
import type { AssignmentRow, CommissionerRow } from "./commissioners.repository.ts";

export const assignmentDto = z.object({
  id: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});

export const commissionerDto = z.object({
  id: z.number(),
  name: z.string(),
  unitName: z.string().nullable(),
  title: z.string().nullable(),
  specialty: z.string().nullable(),
  phone: z.string().nullable(),
  level: z.string(),
  team: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  notes: z.string().nullable(),
  assignments: z.array(assignmentDto),
  /** Names of the regions currently assigned, for the list column. */
  servingIn: z.string(),
  /**
   * Selected above the caller's region (a city's) and serving in it: shown, with only the
   * assignments inside the caller's region, and not the caller's to change.
   */
  readOnly: z.boolean(),
  version: z.number(),
  updatedAt: z.date(),
});
export type CommissionerDto = z.infer<typeof commissionerDto>;

export function presentCommissioner(
  c: Commissioner | CommissionerRow,
  assignments: readonly AssignmentRow[],
  today: string,
  scope: Pick<Scope, "regionPath">,
): CommissionerDto {
  const readOnly = "own" in c && !c.own;
  const own = assignments.filter(
    (a) => a.commissioner_id === c.id && (!readOnly || pathInScope(scope, a.region_path)),
  );
  return {
    id: c.id,
    name: c.name,
    unitName: c.unit_name,
    title: c.title,
    specialty: c.specialty,
    phone: c.phone,
    level: c.level,
    team: c.team,
    regionId: c.region_id,
    regionName: "region_name" in c ? c.region_name : null,
    notes: c.notes,
    assignments: own.map((a) => ({
      id: a.id,
      regionId: a.region_id,
      regionName: a.region_name,
      startsOn: a.starts_on,
      endsOn: a.ends_on,
    })),
    servingIn: own
      .filter((a) => a.starts_on <= today && (a.ends_on === null || a.ends_on >= today))
      .map((a) => a.region_name)
      .join("、"),
    readOnly,
    version: c.version,
    updatedAt: c.updated_at,
  };
}
