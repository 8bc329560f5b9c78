import { z } from "zod";
import type { Enterprise } from "../../core/db/schema.ts";
import type { EnterpriseRow } from "./enterprises.repository.ts";

export const enterpriseDto = z.object({
  id: z.number(),
  name: z.string(),
  creditCode: z.string(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  industry: z.string().nullable(),
  scale: z.string().nullable(),
  qualifications: z.string().nullable(),
  legalRep: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  foundedOn: z.string().nullable(),
  tags: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type EnterpriseDto = z.infer<typeof enterpriseDto>;

export function presentEnterprise(e: Enterprise | EnterpriseRow): EnterpriseDto {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.credit_code,
    regionId: e.region_id,
    regionName: "region_name" in e ? e.region_name : null,
    industry: e.industry,
    scale: "scale" in e ? e.scale : null,
    qualifications: "qualifications" in e ? e.qualifications : null,
    legalRep: e.legal_rep,
    contact: e.contact,
    phone: e.phone,
    address: e.address,
    foundedOn: e.founded_on,
    tags: e.tags,
    version: e.version,
    updatedAt: e.updated_at,
  };
}

/** snake_case row → camelCase record, for the small child records. */
export function camel(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  }
  return out;
}

/** Today in Beijing time, 'YYYY-MM-DD'. */
export function todayCst(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
