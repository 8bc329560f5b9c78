import { daysInMonth, isoDate, parseIsoDate } from "../../core/metrics/period.ts";

function parts(date: string) {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date: ${date}`);
  return p;
}

/** `date` plus n months, clamped to the month's last day (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, n: number): string {
  const p = parts(date);
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return isoDate(y, m, Math.min(p.d, daysInMonth(y, m)));
}

export function previousDay(date: string): string {
  const p = parts(date);
  if (p.d > 1) return isoDate(p.y, p.m, p.d - 1);
  if (p.m > 1) return isoDate(p.y, p.m - 1, daysInMonth(p.y, p.m - 1));
  return isoDate(p.y - 1, 12, 31);
}

export interface Validity {
  valid_years: number;
  by_year: boolean;
}

/**
 * Last day a qualification is valid. Dated kinds (高企: 3 years) run from the issue date:
 * issued 2023-10-16 → valid to 2026-10-15. Yearly kinds (科小: its year) end on 31 December
 * of their last year.
 */
export function expiryOf(kind: Validity, year: number, issuedOn: string | null): string {
  if (kind.by_year || !issuedOn) return `${year + kind.valid_years - 1}-12-31`;
  return previousDay(addMonths(issuedOn, 12 * kind.valid_years));
}

/** The alert window: a certificate ending on or before this day (and not yet ended) is 临期. */
export function expiryWindowEnd(today: string, months = 6): string {
  return addMonths(today, months);
}

export function yearOf(date: string): number {
  return parts(date).y;
}
