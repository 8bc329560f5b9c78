import { formatMetricValue } from "../../core/metrics/format.ts";

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 21 -> "二十一", 10 -> "十", 105 -> "一百零五": edition numbers (第二十一届). */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? "" : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? "" : DIGITS[n % 10]}`;
  const rest = n % 100;
  const head = `${DIGITS[Math.floor(n / 100)]}百`;
  if (rest === 0) return head;
  return rest < 10 ? `${head}零${DIGITS[rest]}` : `${head}${cnNumber(rest).replace(/^十/, "一十")}`;
}

/**
 * The bureaus' "余" convention for rough physical totals: a figure of 1000 or more that is
 * not a whole hundred is written rounded DOWN to the hundred with 余 ("3056份" ->
 * "3000余份"), so the sentence never claims more than was recorded; a whole hundred is
 * written exactly (no 余: that would claim more). Below 1000 the figure is exact.
 * Money of 1万元 or more is worded by formatMoney instead (exact, no 余).
 */
export function roughFigure(value: number, unit: string): string {
  if (value < 1000 || (unit === "元" && value >= 10000)) return formatMetricValue(value, unit);
  const floor = Math.floor(value / 100) * 100;
  if (floor === value) return formatMetricValue(value, unit);
  return `${floor}余${unit}`;
}

/** "全县" / "全市" / "全区" from a region name. */
export function wholeRegion(regionName: string): string {
  const last = regionName.slice(-1);
  return `全${["县", "区", "市", "镇", "乡"].includes(last) ? last : "县"}`;
}
