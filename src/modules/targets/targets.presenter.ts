import { z } from "zod";
import type { TargetIndicator } from "../../core/db/schema.ts";
import type { TargetRow, ValueRow } from "./targets.repository.ts";

export const indicatorDto = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.string(),
  metricId: z.string().nullable(),
  aggregation: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
  /** Admin listing only: how many targets and figures use it (delete needs both 0). */
  targetCount: z.number().optional(),
  valueCount: z.number().optional(),
});

export function presentIndicator(
  i: TargetIndicator & { target_count?: number | null; value_count?: number | null },
): z.infer<typeof indicatorDto> {
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    kind: i.kind,
    metricId: i.metric_id,
    aggregation: i.aggregation,
    description: i.description,
    builtin: i.builtin,
    sort: i.sort,
    active: i.active,
    version: i.version,
    ...(i.target_count === undefined ? {} : { targetCount: Number(i.target_count ?? 0) }),
    ...(i.value_count === undefined ? {} : { valueCount: Number(i.value_count ?? 0) }),
  };
}

export const targetDto = z.object({
  id: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  year: z.number(),
  indicatorId: z.number(),
  indicator: z.string(),
  indicatorCode: z.string(),
  unit: z.string(),
  value: z.number(),
  setBy: z.string(),
  note: z.string().nullable(),
  version: z.number(),
  updatedAt: z.date(),
});

export function presentTarget(t: TargetRow): z.infer<typeof targetDto> {
  return {
    id: t.id,
    regionId: t.region_id,
    regionName: t.region_name,
    year: t.year,
    indicatorId: t.indicator_id,
    indicator: t.indicator_name,
    indicatorCode: t.indicator_code,
    unit: t.indicator_unit,
    value: Number(t.value),
    setBy: t.set_by,
    note: t.note,
    version: t.version,
    updatedAt: t.updated_at,
  };
}

export const valueDto = z.object({
  id: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  indicatorId: z.number(),
  indicator: z.string(),
  unit: z.string(),
  year: z.number(),
  asOf: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  version: z.number(),
  /** The caller may change or delete it (not entered from a higher level). */
  canEdit: z.boolean(),
});

export function presentValue(v: ValueRow, canEdit = false): z.infer<typeof valueDto> {
  return {
    id: v.id,
    regionId: v.region_id,
    regionName: v.region_name,
    indicatorId: v.indicator_id,
    indicator: v.indicator_name,
    unit: v.indicator_unit,
    year: v.year,
    asOf: v.as_of,
    value: Number(v.value),
    note: v.note,
    version: v.version,
    canEdit,
  };
}

const scopeDto = z.object({
  regionId: z.number(),
  regionPath: z.string(),
  regionName: z.string(),
  from: z.string(),
  to: z.string(),
});

export const progressRowDto = z.object({
  id: z.number(),
  version: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  year: z.number(),
  indicatorId: z.number(),
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unit: z.string(),
  kind: z.string(),
  setBy: z.string(),
  note: z.string().nullable(),
  target: z.number(),
  actual: z.number(),
  completion: z.number(),
  timeProgress: z.number(),
  forecast: z.number(),
  forecastCompletion: z.number(),
  forecastMethod: z.enum(["final", "seasonal", "linear", "current"]),
  reported: z.boolean(),
  light: z.enum(["达标", "正常", "滞后"]),
  ruleText: z.string(),
  metricId: z.string().nullable(),
  metrics: z.object({
    actual: z.string(),
    target: z.string(),
    completion: z.string(),
    forecast: z.string(),
    forecastCompletion: z.string(),
  }),
  scope: scopeDto,
  canEdit: z.boolean(),
});

export const progressDto = z.object({
  year: z.number(),
  asOf: z.string(),
  timeProgress: z.number(),
  rule: z.string(),
  rows: z.array(progressRowDto),
});
