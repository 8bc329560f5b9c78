import { download, request } from "../../api/client.ts";
import type { ImportResult } from "../../api/types.ts";

/** Shapes of /api/targets*, /api/target-indicators and /api/indicator-values. */
export type Light = "达标" | "正常" | "滞后";

export interface Indicator {
  id: number;
  code: string;
  name: string;
  unit: string;
  kind: "metric" | "manual";
  metricId: string | null;
  /** Manual indicators: "sum" (children add up) | "none" (own figure only). */
  aggregation: "sum" | "none";
  description: string | null;
  builtin: boolean;
  sort: number;
  active: boolean;
  version: number;
  targetCount?: number;
  valueCount?: number;
}

/** A registry metric an indicator may be defined by. */
export interface MetricOption {
  id: string;
  label: string;
  unit: string;
  kind: string;
  description: string;
}

export interface ProgressRow {
  id: number;
  version: number;
  regionId: number;
  regionName: string;
  year: number;
  indicatorId: number;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  kind: string;
  setBy: string;
  note: string | null;
  target: number;
  actual: number;
  completion: number;
  timeProgress: number;
  forecast: number;
  forecastCompletion: number;
  forecastMethod: "final" | "seasonal" | "linear" | "current";
  /** False: a hand-entered indicator with no figure yet (未填报). */
  reported: boolean;
  light: Light;
  ruleText: string;
  metricId: string | null;
  canEdit: boolean;
}

export interface Progress {
  year: number;
  asOf: string;
  timeProgress: number;
  rule: string;
  rows: ProgressRow[];
}

export interface IndicatorValue {
  id: number;
  regionId: number;
  regionName: string;
  indicatorId: number;
  indicator: string;
  unit: string;
  year: number;
  asOf: string;
  value: number;
  note: string | null;
  version: number;
  /** False when the figure was entered by a higher level (or the user is read-only). */
  canEdit: boolean;
}

const INDICATORS = "/api/target-indicators";

/** The indicator catalogue for the 系统管理 screen (admins write; everyone reads). */
export const indicatorsApi = {
  list: () => request<{ items: Indicator[] }>(INDICATORS, { query: { usage: "1" } }),
  metrics: () => request<{ items: MetricOption[] }>(`${INDICATORS}/metrics`),
  create: (body: Record<string, unknown>) =>
    request<Indicator>(INDICATORS, { method: "POST", body }),
  update: (id: number, body: Record<string, unknown>) =>
    request<Indicator>(`${INDICATORS}/${id}`, { method: "PUT", body }),
  remove: (id: number, version: number) =>
    request<void>(`${INDICATORS}/${id}`, { method: "DELETE", query: { version } }),
};

export const targetsApi = {
  progress: (q: { year: number; asOf?: string; regionId?: number }) =>
    request<Progress>("/api/targets/progress", { query: q }),
  indicators: () =>
    request<{ items: Indicator[] }>("/api/target-indicators", { query: { active: "1" } }),
  create: (body: Record<string, unknown>) =>
    request<unknown>("/api/targets", { method: "POST", body }),
  update: (id: number, body: Record<string, unknown>) =>
    request<unknown>(`/api/targets/${id}`, { method: "PUT", body }),
  remove: (id: number, version: number) =>
    request<void>(`/api/targets/${id}`, { method: "DELETE", query: { version } }),
  exportXlsx: (year: number) => download("/api/targets/export", { year }, `目标任务${year}.xlsx`),
  template: () => download("/api/targets/template", {}, "目标任务导入模板.xlsx"),
  importFile: (file: File) => {
    const form = new FormData();
    form.append("file", file);
    return request<ImportResult>("/api/targets/import", { method: "POST", body: form });
  },
  values: (q: { year: number; indicatorId?: number }) =>
    request<{ items: IndicatorValue[] }>("/api/indicator-values", { query: q }),
  createValue: (body: Record<string, unknown>) =>
    request<unknown>("/api/indicator-values", { method: "POST", body }),
  removeValue: (id: number, version: number) =>
    request<void>(`/api/indicator-values/${id}`, { method: "DELETE", query: { version } }),
  exportValues: (year: number) =>
    download("/api/indicator-values/export", { year }, `指标统计数${year}.xlsx`),
  valuesTemplate: () => download("/api/indicator-values/template", {}, "指标统计数导入模板.xlsx"),
  importValues: (file: File, year: number) => {
    const form = new FormData();
    form.append("file", file);
    return request<ImportResult>("/api/indicator-values/import", {
      method: "POST",
      body: form,
      query: { year },
    });
  },
};

/** "28件", "300万元": figures in the indicator's own unit, at most two decimals. */
export function formatValue(value: number, unit: string): string {
  return `${Number(value.toFixed(2))}${unit}`;
}

export function formatPct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
