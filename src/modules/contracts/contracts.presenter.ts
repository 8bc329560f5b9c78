import { z } from "zod";
import type { TechContract } from "../../core/db/schema.ts";
import type { ContractRow } from "./contracts.repository.ts";

export const contractDto = z.object({
  id: z.number(),
  regNo: z.string(),
  name: z.string(),
  type: z.string(),
  sellerName: z.string(),
  sellerCreditCode: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  buyerName: z.string(),
  amount: z.number(),
  turnover: z.number(),
  signedOn: z.string().nullable(),
  registeredOn: z.string(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type ContractDto = z.infer<typeof contractDto>;

export function presentContract(c: TechContract | ContractRow): ContractDto {
  return {
    id: c.id,
    regNo: c.reg_no,
    name: c.name,
    type: c.type,
    sellerName: c.seller_name,
    sellerCreditCode: c.seller_credit_code,
    enterpriseId: c.enterprise_id,
    buyerName: c.buyer_name,
    amount: Number(c.amount),
    turnover: Number(c.turnover),
    signedOn: c.signed_on,
    registeredOn: c.registered_on,
    regionId: c.region_id,
    regionName: "region_name" in c ? c.region_name : null,
    notes: c.notes,
    version: c.version,
    updatedAt: c.updated_at,
  };
}
