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
  description: string | null;
  builtin: boolean;
  active: boolean;
  version: number;
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
}

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
};

/** "28件", "300万元": figures in the indicator's own unit, at most two decimals. */
export function formatValue(value: number, unit: string): string {
  return `${Number(value.toFixed(2))}${unit}`;
}

export function formatPct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
