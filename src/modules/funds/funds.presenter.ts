import { z } from "zod";
import type { PaymentRow } from "./funds.repository.ts";

export const paymentDto = z.object({
  id: z.number(),
  kind: z.string(),
  paidOn: z.string(),
  amount: z.number(),
  source: z.string(),
  enterpriseId: z.number().nullable(),
  payeeName: z.string(),
  voucherNo: z.string().nullable(),
  projectId: z.number().nullable(),
  projectName: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  notes: z.string().nullable(),
  version: z.number(),
});
export type PaymentDto = z.infer<typeof paymentDto>;

export function presentPayment(p: PaymentRow): PaymentDto {
  return {
    id: p.id,
    kind: p.kind,
    paidOn: p.paid_on,
    amount: Number(p.amount),
    source: p.source,
    enterpriseId: p.enterprise_id,
    payeeName: p.payee_name,
    voucherNo: p.voucher_no,
    projectId: p.project_id,
    projectName: p.project_name,
    regionId: p.region_id,
    regionName: p.region_name,
    notes: p.notes,
    version: p.version,
  };
}
