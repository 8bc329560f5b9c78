import { z } from "zod";
import type { Unit } from "../../core/db/schema.ts";
import type { UnitRow } from "./units.repository.ts";

export const unitDto = z.object({
  id: z.number(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
  updatedAt: z.date(),
});
export type UnitDto = z.infer<typeof unitDto>;

export function presentUnit(u: Unit | UnitRow): UnitDto {
  return {
    id: u.id,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    regionId: u.region_id,
    regionName: "region_name" in u ? u.region_name : null,
    contact: u.contact,
    phone: u.phone,
    sort: u.sort,
    active: u.active,
    version: u.version,
    updatedAt: u.updated_at,
  };
}
