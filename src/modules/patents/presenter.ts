import { z } from "zod";
import type { PatentRow } from "./patents.repository.ts";

export const patentDto = z.object({
  id: z.number(),
  applicationNo: z.string(),
  patentType: z.string(),
  pct: z.boolean(),
  title: z.string(),
  applicants: z.string(),
  firstApplicant: z.string(),
  enterpriseId: z.number().nullable(),
  enterpriseName: z.string().nullable(),
  applicantType: z.string(),
  serviceInvention: z.boolean(),
  inventors: z.string().nullable(),
  address: z.string().nullable(),
  filedOn: z.string(),
  grantedOn: z.string().nullable(),
  legalStatus: z.string(),
  statusOn: z.string().nullable(),
  lapsedOn: z.string().nullable(),
  regionId: z.number(),
  regionName: z.string(),
  version: z.number(),
  updatedAt: z.date(),
});
export type PatentDto = z.infer<typeof patentDto>;

export function presentPatent(p: PatentRow): PatentDto {
  return {
    id: p.id,
    applicationNo: p.application_no,
    patentType: p.patent_type,
    pct: p.pct,
    title: p.title,
    applicants: p.applicants,
    firstApplicant: p.first_applicant,
    enterpriseId: p.enterprise_id,
    enterpriseName: p.enterprise_name,
    applicantType: p.applicant_type,
    serviceInvention: p.service_invention,
    inventors: p.inventors,
    address: p.address,
    filedOn: p.filed_on,
    grantedOn: p.granted_on,
    legalStatus: p.legal_status,
    statusOn: p.status_on,
    lapsedOn: p.lapsed_on,
    regionId: p.region_id,
    regionName: p.region_name,
    version: p.version,
    updatedAt: p.updated_at,
  };
}
