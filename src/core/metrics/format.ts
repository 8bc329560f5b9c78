/**
 * Number wording for the report voice ("32件", "18.5亿元", "90.3%", "同比增长12.5%").
 *
 * Conventions:
 * - money is passed in 元 (the ledgers store 元); metrics whose unit is "万元" are converted
 *   by `formatMetricValue`;
 * - percentages and ratios with unit "%" are passed as fractions (0.903 -> "90.3%").
 */

/** Rounds half away from zero at `decimals`, avoiding 1.005 -> 1.00 binary artefacts. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const n = Math.round(Math.abs(value) * f + Number.EPSILON * f * Math.abs(value)) / f;
  return value < 0 ? -n : n;
}

/** Fixed-point text with trailing zeros removed: 18.50 -> "18.5", 300.00 -> "300". */
export function trimmedDecimal(value: number, maxDecimals: number): string {
  const s = roundTo(value, maxDecimals).toFixed(maxDecimals);
  const out = maxDecimals > 0 ? s.replace(/\.?0+$/, "") : s;
  return out === "-0" ? "0" : out;
}

/** "32件"; fractional counts keep up to two decimals ("2.5人次"). */
export function formatCount(value: number, unit: string): string {
  return `${trimmedDecimal(value, 2)}${unit}`;
}

const MONEY_SCALES = [
  { factor: 1e8, unit: "亿元" },
  { factor: 1e4, unit: "万元" },
  { factor: 1, unit: "元" },
] as const;

/**
 * Money in 元 worded at the largest fitting scale: 1_850_000_000 -> "18.5亿元",
 * 3_000_000 -> "300万元", 101_000 -> "10.1万元", 850 -> "850元". Up to `decimals` (default 2)
 * decimals, trailing zeros dropped. A value that rounds up to the next scale moves there
 * (99_999_999 -> "1亿元", not "10000万元").
 */
export function formatMoney(yuan: number, decimals = 2): string {
  const abs = Math.abs(yuan);
  let i = MONEY_SCALES.findIndex((s) => abs >= s.factor);
  if (i < 0) i = MONEY_SCALES.length - 1;
  // Rounding may carry into the next scale: 9999.9999万元 is worded 1亿元.
  const scale = MONEY_SCALES[i];
  const larger = MONEY_SCALES[i - 1];
  const pick =
    scale && larger && roundTo(abs / scale.factor, decimals) >= larger.factor / scale.factor
      ? larger
      : scale;
  const { factor, unit } = pick ?? { factor: 1, unit: "元" };
  return `${trimmedDecimal(yuan / factor, decimals)}${unit}`;
}

/** A fraction as a percentage with fixed decimals: 0.903 -> "90.3%", 1 -> "100.0%". */
export function formatPercent(fraction: number, decimals = 1): string {
  const s = roundTo(fraction * 100, decimals).toFixed(decimals);
  return `${s.startsWith("-") && Number(s) === 0 ? s.slice(1) : s}%`;
}

/** Growth rate as a fraction, or null when the base is zero (no rate can be stated). */
export function growthRate(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / Math.abs(previous);
}

/** Wording of a growth rate (a fraction): 0.125 -> "同比增长12.5%", ~0 -> "与去年同期持平". */
export function formatGrowthRate(rate: number, decimals = 1): string {
  const pct = roundTo(rate * 100, decimals);
  if (pct === 0) return "与去年同期持平";
  return `同比${pct > 0 ? "增长" : "下降"}${Math.abs(pct).toFixed(decimals)}%`;
}

/**
 * "同比增长12.5%" / "同比下降3.0%" / "与去年同期持平"; null when last year's figure is zero
 * and this year's is not (the sentence should then state the figure only).
 */
export function formatGrowth(current: number, previous: number, decimals = 1): string | null {
  const rate = growthRate(current, previous);
  return rate === null ? null : formatGrowthRate(rate, decimals);
}

/** Default wording of a metric value by its unit. */
export function formatMetricValue(value: number, unit: string): string {
  if (unit === "元") return formatMoney(value);
  if (unit === "万元") return formatMoney(value * 1e4);
  if (unit === "%") return formatPercent(value);
  return formatCount(value, unit);
}

/** "2026年11月25日" — dates of issue use Arabic numerals (GB/T 9704). */
export function formatDateCn(date: string, withYear = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return withYear ? `${m[1]}年${md}` : md;
}
