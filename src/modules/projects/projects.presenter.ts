import { z } from "zod";
import type { Project } from "../../core/db/schema.ts";
import { isOverdue, nextStatuses } from "./lifecycle.ts";
import { fiscalTotal, type ProjectRow } from "./projects.repository.ts";

export const projectDto = z.object({
  id: z.number(),
  name: z.string(),
  level: z.string(),
  programmeCode: z.string(),
  programmeName: z.string().nullable(),
  enterpriseId: z.number().nullable(),
  /** The linked registry enterprise's name (the form's picker shows it). */
  enterpriseName: z.string().nullable(),
  undertakerName: z.string(),
  partners: z.string().nullable(),
  taskBookNo: z.string().nullable(),
  approvalNo: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  fundNational: z.number(),
  fundProvincial: z.number(),
  fundCity: z.number(),
  fundCounty: z.number(),
  fundSelf: z.number(),
  fiscalTotal: z.number(),
  paid: z.number().nullable(),
  staff: z.string().nullable(),
  applyYear: z.number(),
  status: z.string(),
  next: z.array(z.string()),
  overdue: z.boolean(),
  regionId: z.number(),
  regionName: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});
export type ProjectDto = z.infer<typeof projectDto>;

export function presentProject(p: Project | ProjectRow, today: string): ProjectDto {
  return {
    id: p.id,
    name: p.name,
    level: p.level,
    programmeCode: p.programme_code,
    programmeName: "programme_name" in p ? p.programme_name : null,
    enterpriseId: p.enterprise_id,
    enterpriseName: "enterprise_name" in p ? p.enterprise_name : null,
    undertakerName: p.undertaker_name,
    partners: p.partners,
    taskBookNo: p.task_book_no,
    approvalNo: p.approval_no,
    startOn: p.start_on,
    endOn: p.end_on,
    fundNational: Number(p.fund_national),
    fundProvincial: Number(p.fund_provincial),
    fundCity: Number(p.fund_city),
    fundCounty: Number(p.fund_county),
    fundSelf: Number(p.fund_self),
    fiscalTotal: fiscalTotal(p),
    paid: "paid" in p ? Number(p.paid) : null,
    staff: p.staff,
    applyYear: p.apply_year,
    status: p.status,
    next: [...nextStatuses(p.status)],
    overdue: isOverdue(p.status, p.end_on, today),
    regionId: p.region_id,
    regionName: "region_name" in p ? p.region_name : null,
    notes: p.notes,
    version: p.version,
    updatedAt: p.updated_at,
  };
}
