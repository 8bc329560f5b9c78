import { z } from "zod";
import type { InvestmentArrival } from "../../core/db/schema.ts";
import type { InvestmentRow } from "./investments.repository.ts";

export const investmentDto = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  partnerName: z.string(),
  partnerOrigin: z.string().nullable(),
  ourParty: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  signedOn: z.string().nullable(),
  contractAmount: z.number(),
  arrivedAmount: z.number(),
  status: z.string(),
  staff: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});

export function presentInvestment(p: InvestmentRow): z.infer<typeof investmentDto> {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    partnerName: p.partner_name,
    partnerOrigin: p.partner_origin,
    ourParty: p.our_party,
    enterpriseId: p.enterprise_id,
    signedOn: p.signed_on,
    contractAmount: Number(p.contract_amount),
    arrivedAmount: Number(p.arrived),
    status: p.status,
    staff: p.staff,
    regionId: p.region_id,
    regionName: p.region_name,
    notes: p.notes,
    version: p.version,
    updatedAt: p.updated_at,
  };
}

export const arrivalDto = z.object({
  id: z.number(),
  arrivedOn: z.string(),
  amount: z.number(),
  note: z.string().nullable(),
});

export const presentArrival = (a: InvestmentArrival) => ({
  id: a.id,
  arrivedOn: a.arrived_on,
  amount: Number(a.amount),
  note: a.note,
});
