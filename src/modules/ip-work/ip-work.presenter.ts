import { z } from "zod";
import type { IpDispute, IpEnforcementAction } from "../../core/db/schema.ts";

/** A record as listed, with its region's name. */
type EnforcementRow = IpEnforcementAction & { region_name: string };
type DisputeRow = IpDispute & { region_name: string };

export const enforcementDto = z.object({
  id: z.number(),
  heldOn: z.string(),
  name: z.string(),
  campaign: z.string().nullable(),
  place: z.string().nullable(),
  partners: z.string().nullable(),
  officers: z.number(),
  inspections: z.number(),
  shops: z.number(),
  goods: z.number(),
  casesFiled: z.number(),
  casesClosed: z.number(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type EnforcementDto = z.infer<typeof enforcementDto>;

export function presentAction(a: IpEnforcementAction | EnforcementRow): EnforcementDto {
  return {
    id: a.id,
    heldOn: a.held_on,
    name: a.name,
    campaign: a.campaign,
    place: a.place,
    partners: a.partners,
    officers: a.officers,
    inspections: a.inspections,
    shops: a.shops,
    goods: a.goods,
    casesFiled: a.cases_filed,
    casesClosed: a.cases_closed,
    regionId: a.region_id,
    regionName: "region_name" in a ? a.region_name : null,
    notes: a.notes,
    version: a.version,
    updatedAt: a.updated_at,
  };
}

export const disputeDto = z.object({
  id: z.number(),
  caseNo: z.string(),
  type: z.string(),
  receivedOn: z.string(),
  parties: z.string(),
  status: z.string(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type DisputeDto = z.infer<typeof disputeDto>;

export function presentDispute(d: IpDispute | DisputeRow): DisputeDto {
  return {
    id: d.id,
    caseNo: d.case_no,
    type: d.type,
    receivedOn: d.received_on,
    parties: d.parties,
    status: d.status,
    closedOn: d.closed_on,
    outcome: d.outcome,
    regionId: d.region_id,
    regionName: "region_name" in d ? d.region_name : null,
    notes: d.notes,
    version: d.version,
    updatedAt: d.updated_at,
  };
}
