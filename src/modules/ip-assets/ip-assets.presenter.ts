import { z } from "zod";
import type { DesignationRow, PledgeRow } from "./ip-assets.repository.ts";
import { subsidyLabel } from "./subsidy-options.ts";

export const pledgeDto = z.object({
  id: z.number(),
  registeredOn: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  bank: z.string(),
  amount: z.number(),
  patentCount: z.number(),
  /** Joined with "、" so the form and the Excel column hold the same text. */
  applicationNos: z.string(),
  termMonths: z.number().nullable(),
  paymentId: z.number().nullable(),
  paymentInfo: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type PledgeDto = z.infer<typeof pledgeDto>;

function paymentInfo(p: PledgeRow): string | null {
  if (p.payment_id === null || p.payment_paid_on === null || p.payment_amount === null) return null;
  return subsidyLabel({
    paidOn: p.payment_paid_on,
    amount: p.payment_amount,
    voucherNo: p.payment_voucher_no,
    projectName: p.payment_project_name,
  });
}

export function presentPledge(p: PledgeRow): PledgeDto {
  return {
    id: p.id,
    registeredOn: p.registered_on,
    enterpriseId: p.enterprise_id,
    enterpriseName: p.enterprise_name,
    bank: p.bank,
    amount: Number(p.amount),
    patentCount: p.patent_count,
    applicationNos: p.application_nos.join("、"),
    termMonths: p.term_months,
    paymentId: p.payment_id,
    paymentInfo: paymentInfo(p),
    regionId: p.region_id,
    regionName: p.region_name,
    notes: p.notes,
    version: p.version,
    updatedAt: p.updated_at,
  };
}

export const designationDto = z.object({
  id: z.number(),
  kind: z.string(),
  level: z.string(),
  year: z.number(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  recognisedOn: z.string(),
  documentNo: z.string().nullable(),
  status: z.string(),
  expiresOn: z.string().nullable(),
  revokedOn: z.string().nullable(),
  revokedOnText: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type DesignationDto = z.infer<typeof designationDto>;

/**
 * Shown for a 撤销 row saved before 撤销日期 was recorded (migration 170): the metric then
 * counts it as revoked on every day, which the list should say rather than show a blank.
 */
export const REVOKED_DATE_MISSING = "未填写（不计入有效）";

export function presentDesignation(d: DesignationRow): DesignationDto {
  return {
    id: d.id,
    kind: d.kind,
    level: d.level,
    year: d.year,
    enterpriseId: d.enterprise_id,
    enterpriseName: d.enterprise_name,
    regionId: d.region_id,
    regionName: d.region_name,
    recognisedOn: d.recognised_on,
    documentNo: d.document_no,
    status: d.status,
    expiresOn: d.expires_on,
    revokedOn: d.revoked_on,
    revokedOnText: d.revoked_on ?? (d.status === "撤销" ? REVOKED_DATE_MISSING : null),
    notes: d.notes,
    version: d.version,
    updatedAt: d.updated_at,
  };
}
