import { formatPercent, trimmedDecimal } from "../../core/metrics/format.ts";
import { isLeapYear, isoDate, parseIsoDate } from "../../core/metrics/period.ts";

/*
 * The pure arithmetic of targets: elapsed time, completion, the year-end forecast and the
 * status light. No database here, so the boundaries are tested on plain fixtures.
 */

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Day of the year of `date`, 1 for Jan 1 (the day itself counts as elapsed). */
export function dayOfYear(date: string): number {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date "${date}"`);
  return Math.round((Date.UTC(p.y, p.m - 1, p.d) - Date.UTC(p.y, 0, 1)) / 86_400_000) + 1;
}

/** Elapsed share of the year at `date` (a fraction): 2026-06-30 -> 181/365. */
export function timeProgress(date: string): number {
  return dayOfYear(date) / daysInYear(Number(date.slice(0, 4)));
}

/** actual / target as a fraction; 0 when there is no target (nothing to complete). */
export function completionRate(actual: number, target: number): number {
  return target > 0 ? actual / target : 0;
}

/** The same calendar day `years` earlier; Feb 29 falls back to Feb 28. */
export function sameDayYearsBefore(date: string, years: number): string {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date "${date}"`);
  const y = p.y - years;
  const d = p.m === 2 && p.d === 29 && !isLeapYear(y) ? 28 : p.d;
  return isoDate(y, p.m, d);
}

/** One earlier year of an indicator: its full-year value and its value at the same day. */
export interface HistoryYear {
  year: number;
  full: number;
  atSameDay: number;
}

export type ForecastMethod = "final" | "seasonal" | "linear" | "current";

export interface Forecast {
  value: number;
  method: ForecastMethod;
  /** Years whose seasonality was used (seasonal only), most recent first. */
  years: number[];
  /** mean(full / atSameDay) over those years (seasonal only). */
  factor: number | null;
}

/**
 * Year-end forecast from the year-to-date `actual` at day `elapsed` of `total` days.
 * With usable history (earlier years with a non-zero full-year value and a non-zero value
 * at the same day; at most 3) the actual is scaled by the mean seasonal factor; otherwise
 * flows are extrapolated linearly, and stocks (a state, not a running total) stay as they
 * are. On the last day the forecast is the actual.
 */
export function forecastYearEnd(args: {
  actual: number;
  elapsed: number;
  total: number;
  history: readonly HistoryYear[];
  cumulative: boolean;
}): Forecast {
  const { actual, elapsed, total } = args;
  if (elapsed >= total) return { value: actual, method: "final", years: [], factor: null };
  const usable = args.history.filter((h) => h.full > 0 && h.atSameDay > 0).slice(0, 3);
  if (usable.length > 0) {
    const factor = usable.reduce((s, h) => s + h.full / h.atSameDay, 0) / usable.length;
    return {
      value: actual * factor,
      method: "seasonal",
      years: usable.map((h) => h.year),
      factor,
    };
  }
  if (!args.cumulative) return { value: actual, method: "current", years: [], factor: null };
  return { value: (actual / elapsed) * total, method: "linear", years: [], factor: null };
}

export type Light = "达标" | "正常" | "滞后";

/** Tolerance below time progress that still counts as 正常, in percentage points. */
export const LAG_TOLERANCE_POINTS = 5;

export const LIGHT_RULE =
  "达标：实际完成≥目标；正常：预计全年≥目标，或完成率≥时间进度−5个百分点；其余为滞后";

/**
 * The status light. Percentages are compared in points rounded to 1e-9 so that a
 * completion exactly 5 points behind time progress is 正常, not lost to binary fractions.
 */
export function statusLight(args: {
  actual: number;
  target: number;
  forecast: number;
  completion: number;
  timeProgress: number;
}): Light {
  if (args.actual >= args.target) return "达标";
  if (args.forecast >= args.target) return "正常";
  const completionPts = Math.round(args.completion * 100 * 1e9) / 1e9;
  const floorPts = Math.round((args.timeProgress * 100 - LAG_TOLERANCE_POINTS) * 1e9) / 1e9;
  return completionPts >= floorPts ? "正常" : "滞后";
}

const METHOD_TEXT: Record<ForecastMethod, (f: Forecast) => string> = {
  final: () => "全年已结束",
  seasonal: (f) => `按${f.years.join("、")}年同期进度推算`,
  linear: () => "按已过天数线性推算",
  current: () => "按当前水平推算",
};

/** "截至6月30日完成率45.2%，时间进度49.6%，预计全年完成102.3%（按2025年同期进度推算）". */
export function ruleText(args: {
  asOf: string;
  /** Date a hand-entered figure stands at, when earlier than asOf. */
  dataAsOf?: string;
  completion: number;
  timeProgress: number;
  forecastCompletion: number;
  forecast: Forecast;
  light: Light;
}): string {
  const p = parseIsoDate(args.asOf);
  const day = p ? `${p.m}月${p.d}日` : args.asOf;
  const d = args.dataAsOf && args.dataAsOf !== args.asOf ? parseIsoDate(args.dataAsOf) : null;
  const data = d ? `（统计数截至${d.m}月${d.d}日）` : "";
  const head = `截至${day}完成率${formatPercent(args.completion)}${data}，时间进度${formatPercent(args.timeProgress)}`;
  const tail =
    args.forecast.method === "final"
      ? "，全年已结束"
      : `，预计全年完成${formatPercent(args.forecastCompletion)}（${METHOD_TEXT[args.forecast.method](args.forecast)}）`;
  return `${head}${tail}。判定为“${args.light}”。${LIGHT_RULE}`;
}

/** Wording of an indicator value in its own unit: "28件", "300万元", "18.5亿元". */
export function formatIndicatorValue(value: number, unit: string): string {
  return `${trimmedDecimal(value, 2)}${unit}`;
}

const DIVISIBLE_UNITS = new Set(["元", "万元", "亿元", "%"]);

/**
 * A forecast of a count of events is worded in whole units ("可完成17件", not 17.25件);
 * money, percentages and ratios (每万人口 …) keep two decimals.
 */
export function formatForecastValue(value: number, unit: string, countOfEvents: boolean): string {
  const whole = countOfEvents && !DIVISIBLE_UNITS.has(unit);
  return `${trimmedDecimal(value, whole ? 0 : 2)}${unit}`;
}
