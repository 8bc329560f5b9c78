import { request } from "../../api/client.ts";
import { entityApi } from "../../api/entities.ts";
import type { EntityRecord } from "../../api/types.ts";

export const enterprisesApi = entityApi("/api/enterprises");

export interface QualificationRecord {
  id: number;
  kindCode: string;
  kindName: string;
  category: string;
  number: string | null;
  year: number;
  issuedOn: string | null;
  expiresOn: string;
}

export interface ApplicationRecord {
  id: number;
  version: number;
  kindCode: string;
  kindName: string;
  year: number;
  batch: string;
  appliedOn: string;
  result: string;
  decidedOn: string | null;
}

export interface YearlyRecord {
  id: number;
  year: number;
  revenue: number | null;
  rdExpense: number | null;
  hitechIncome: number | null;
  superDeduction: number | null;
  employees: number | null;
  stStaff: number | null;
  aboveScale: boolean;
}

export interface QualificationKind {
  code: string;
  name: string;
  category: "hte" | "reserve" | "tsme" | "other";
  validYears: number;
  byYear: boolean;
  numberLabel: string;
  sort: number;
  active: boolean;
}

export const getKinds = () =>
  request<{ items: QualificationKind[] }>("/api/enterprises/qualification-kinds");

/** GDP and 高新技术产业总产值 in 元, population in 万人. */
export interface RegionYearRecord {
  id: number;
  version: number;
  regionId: number;
  regionName: string;
  year: number;
  gdp: number | null;
  hitechOutput: number | null;
  population: number | null;
}

export const getRegionYears = () =>
  request<{ items: RegionYearRecord[] }>("/api/region-year-figures");

export type EnterpriseDetail = EntityRecord & {
  name: string;
  creditCode: string;
  regionName: string | null;
  industry: string | null;
  legalRep: string | null;
  contact: string | null;
  phone: string | null;
  address: string | null;
  foundedOn: string | null;
  tags: string | null;
  qualifications: string | null;
  qualificationRecords: QualificationRecord[];
  applications: ApplicationRecord[];
  yearly: YearlyRecord[];
};

export interface Alerts {
  today: string;
  expiring: {
    qualificationId: number;
    enterpriseId: number;
    enterpriseName: string;
    kindName: string;
    number: string | null;
    expiresOn: string;
  }[];
  tsmeNotRenewed: {
    enterpriseId: number;
    enterpriseName: string;
    lastNumber: string | null;
    lastYear: number;
  }[];
}

export const STAGES = ["储备", "申报", "有效", "临期", "到期"] as const;
export type Stage = (typeof STAGES)[number];

export interface PipelineItem {
  enterpriseId: number;
  enterpriseName: string;
  regionName: string;
  stage: Stage;
  hints: { key: string; label: string; met: boolean | null; detail: string }[];
}

export interface PipelinePage {
  today: string;
  counts: Record<Stage, number>;
  total: number;
  page: number;
  pageSize: number;
  items: PipelineItem[];
}

export interface RecognitionResult {
  total: number;
  written: boolean;
  matchedByCode: number;
  matchedByName: number;
  unmatched: { row: number; name: string; creditCode: string | null; reason: string }[];
  enterprisesCreated: number;
  created: number;
  updated: number;
  unchanged: number;
}

export const getEnterprise = (id: number) => request<EnterpriseDetail>(`/api/enterprises/${id}`);
export const getAlerts = () => request<Alerts>("/api/enterprises/alerts");
export const getPipeline = (query: { stage?: Stage; page: number; pageSize: number }) =>
  request<PipelinePage>("/api/enterprises/pipeline", { query });

export function importRecognitions(file: File, kind: string, createMissing: boolean) {
  const form = new FormData();
  form.append("file", file);
  return request<RecognitionResult>("/api/enterprises/recognitions/import", {
    method: "POST",
    body: form,
    query: { kind, createMissing },
  });
}

/** 元 → "1,234.56" 万元, as bureaus read money. */
export function wan(v: number | null): string {
  if (v === null) return "—";
  return (v / 1e4).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
