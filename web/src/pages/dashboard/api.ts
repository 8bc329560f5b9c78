import { request } from "../../api/client.ts";

export interface Figure {
  metric: string;
  label: string;
  unit: string;
  value: number;
  growth?: number | null;
  link: string;
}

export interface WidgetReply<T> {
  widget: string;
  region: { id: number; name: string; level: number };
  year: number;
  to: string;
  data: T;
}

export interface TargetItem {
  id: number;
  regionName: string;
  indicator: string;
  unit: string;
  target: number;
  actual: number;
  completion: number;
  forecastCompletion: number;
  /** False for a hand-entered indicator with no figure yet (shown as 未填报). */
  reported: boolean;
  light: "达标" | "正常" | "滞后";
  ruleText: string;
  link: string;
}

export interface Trends {
  months: string[];
  series: {
    metric: string;
    label: string;
    unit: string;
    /** The year's records; `links[i]` the records of month i+1. */
    link: string;
    links: string[];
    values: number[];
  }[];
}

export interface Counties {
  columns: { metric: string; label: string; unit: string }[];
  rows: { regionId: number; regionName: string; values: Figure[] }[];
}

export const dashboardApi = {
  widget: <T>(name: string, year: number, regionId?: number) =>
    request<WidgetReply<T>>(`/api/dashboard/${name}`, { query: { year, regionId } }),
};

/** "12.5万元" for 元, "85.7%" for fractions, "32件" otherwise. */
export function formatFigure(value: number, unit: string): string {
  if (unit === "元") {
    if (Math.abs(value) >= 1e8) return `${(value / 1e8).toFixed(2)}亿元`;
    return `${(value / 1e4).toLocaleString("zh-CN", { maximumFractionDigits: 2 })}万元`;
  }
  if (unit === "%") return `${(value * 100).toFixed(1)}%`;
  return `${value.toLocaleString("zh-CN", { maximumFractionDigits: 2 })}${unit}`;
}

export function formatGrowth(g: number | null | undefined): string | null {
  if (g === null || g === undefined) return null;
  if (g === 0) return "同比持平";
  return `同比${g > 0 ? "增长" : "下降"}${Math.abs(g * 100).toFixed(1)}%`;
}
