import { download, request } from "../../api/client.ts";
import type { ReportDocument } from "./model.ts";

export interface DraftSummary {
  id: number;
  regionId: number;
  regionName: string;
  period: { code: string; from: string; to: string };
  title: string;
  versionNo: number;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface DraftChange {
  key: string;
  kind: "facts-changed" | "facts-removed";
  before: string;
  after: string | null;
}

export interface Draft extends DraftSummary {
  doc: ReportDocument;
  generated: ReportDocument;
  changes: DraftChange[];
}

export interface VersionInfo {
  no: number;
  note: string;
  createdBy: string | null;
  createdAt: string;
  doc?: ReportDocument;
}

export interface MetricInfo {
  id: string;
  label: string;
  unit: string;
  description: string;
}

const base = "/api/report-drafts";

export const draftsApi = {
  list: () => request<{ items: DraftSummary[] }>(base),
  create: (body: { regionId: number; period?: string; from?: string; to?: string }) =>
    request<{ id: number }>(base, { method: "POST", body }),
  get: (id: number) => request<Draft>(`${base}/${id}`),
  save: (id: number, version: number, doc: ReportDocument, note?: string) =>
    request<Draft>(`${base}/${id}`, { method: "PUT", body: { version, doc, note } }),
  regenerate: (id: number, version: number) =>
    request<Draft>(`${base}/${id}/regenerate`, { method: "POST", body: { version } }),
  remove: (id: number, version: number) =>
    request<void>(`${base}/${id}`, { method: "DELETE", query: { version } }),
  versions: (id: number) => request<{ items: VersionInfo[] }>(`${base}/${id}/versions`),
  version: (id: number, no: number) => request<VersionInfo>(`${base}/${id}/versions/${no}`),
  restore: (id: number, version: number, no: number) =>
    request<Draft>(`${base}/${id}/restore`, { method: "POST", body: { version, no } }),
  verify: (id: number) =>
    request<{
      checked: number;
      mismatches: { metric: string; text: string; actual: number | null }[];
    }>(`${base}/${id}/verify`),
  export: (d: DraftSummary, format: "docx" | "xlsx") =>
    download(`${base}/${d.id}/${format}`, {}, `${d.title}.${format}`),
  metricCatalog: () => request<{ items: MetricInfo[] }>("/api/metrics/catalog"),
};
