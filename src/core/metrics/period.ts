import { AppError } from "../errors.ts";

/**
 * A reporting period: inclusive calendar dates plus the Chinese wording the report uses.
 * Codes: 2026 (全年), 2026H1/H2, 2026Q1..Q4, 2026Q1-3 (前三季度), 2026M04, 2026M01-04 (1—4月).
 */
export interface Period {
  /** Canonical code ("2026H1", "2026M01-04"), or "2026-03-05~2026-06-30" for an odd range. */
  code: string;
  from: string;
  to: string;
  /** "2026年上半年", "2026年1—4月", "2026年前三季度", "2026年". */
  label: string;
  /** The label without the year, for "今年上半年": "上半年", "1—4月", "全年". */
  span: string;
  /** "截至2026年9月底" — the wording for a stock metric at the period end. */
  asOf: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Parses 'YYYY-MM-DD', refusing impossible days such as 2025-02-29. */
export function parseIsoDate(s: string): Ymd | null {
  const match = DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** The instant a Beijing-time day starts; timestamps are compared against day boundaries. */
export function startOfDayCst(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** The day after `date` ('YYYY-MM-DD'). */
export function nextDay(date: string): string {
  const p = parseIsoDate(date);
  if (!p) throw invalid(date);
  if (p.d < daysInMonth(p.y, p.m)) return isoDate(p.y, p.m, p.d + 1);
  if (p.m < 12) return isoDate(p.y, p.m + 1, 1);
  return isoDate(p.y + 1, 1, 1);
}

function invalid(code: string): AppError<"VALIDATION"> {
  return new AppError("VALIDATION", {
    fields: [
      {
        field: "period",
        label: "统计期间",
        message: `“${code}”不是有效的统计期间（示例：2026、2026H1、2026Q1-3、2026M01-04）`,
      },
    ],
  });
}

const QUARTER_NAMES = ["第一季度", "第二季度", "第三季度", "第四季度"];

/** Wording for months m1..m2 of one year, without the year. */
function monthSpan(m1: number, m2: number): string {
  if (m1 === 1 && m2 === 12) return "全年";
  if (m1 === 1 && m2 === 6) return "上半年";
  if (m1 === 7 && m2 === 12) return "下半年";
  if (m1 === 1 && m2 === 9) return "前三季度";
  if (m1 % 3 === 1 && m2 === m1 + 2) return QUARTER_NAMES[(m1 - 1) / 3] ?? `${m1}—${m2}月`;
  if (m1 === m2) return `${m1}月`;
  return `${m1}—${m2}月`;
}

function monthPeriod(year: number, m1: number, m2: number): Period {
  const span = monthSpan(m1, m2);
  let code = m1 === m2 ? `${year}M${pad2(m1)}` : `${year}M${pad2(m1)}-${pad2(m2)}`;
  if (span === "全年") code = String(year);
  else if (span === "上半年") code = `${year}H1`;
  else if (span === "下半年") code = `${year}H2`;
  else if (span === "前三季度") code = `${year}Q1-3`;
  else if (QUARTER_NAMES.includes(span)) code = `${year}Q${(m1 + 2) / 3}`;
  return {
    code,
    from: isoDate(year, m1, 1),
    to: isoDate(year, m2, daysInMonth(year, m2)),
    label: span === "全年" ? `${year}年` : `${year}年${span}`,
    span,
    asOf: m2 === 12 ? `截至${year}年底` : `截至${year}年${m2}月底`,
  };
}

/** Parses a period code; throws AppError VALIDATION on anything else. */
export function parsePeriod(input: string): Period {
  const code = input.trim().toUpperCase();
  let match = /^(\d{4})$/.exec(code);
  if (match) return monthPeriod(Number(match[1]), 1, 12);
  match = /^(\d{4})H([12])$/.exec(code);
  if (match) {
    const h = Number(match[2]);
    return monthPeriod(Number(match[1]), h === 1 ? 1 : 7, h === 1 ? 6 : 12);
  }
  match = /^(\d{4})Q([1-4])(?:-([1-4]))?$/.exec(code);
  if (match) {
    const q1 = Number(match[2]);
    const q2 = match[3] ? Number(match[3]) : q1;
    if (q2 < q1) throw invalid(input);
    return monthPeriod(Number(match[1]), q1 * 3 - 2, q2 * 3);
  }
  match = /^(\d{4})M(\d{2})(?:-(\d{2}))?$/.exec(code);
  if (match) {
    const m1 = Number(match[2]);
    const m2 = match[3] ? Number(match[3]) : m1;
    if (m1 < 1 || m2 > 12 || m2 < m1) throw invalid(input);
    return monthPeriod(Number(match[1]), m1, m2);
  }
  throw invalid(input);
}

function cnDate(p: Ymd, withYear: boolean): string {
  return `${withYear ? `${p.y}年` : ""}${p.m}月${p.d}日`;
}

/**
 * A period from explicit inclusive dates. Whole months inside one year get the same code
 * and label as the equivalent code ("2026-01-01".."2026-06-30" is 2026H1).
 */
export function periodFromRange(from: string, to: string): Period {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b || from > to) throw invalid(`${from}~${to}`);
  if (a.y === b.y && a.d === 1 && b.d === daysInMonth(b.y, b.m)) return monthPeriod(a.y, a.m, b.m);
  const span = `${cnDate(a, a.y !== b.y)}至${cnDate(b, a.y !== b.y)}`;
  return {
    code: `${from}~${to}`,
    from,
    to,
    label: a.y === b.y ? `${a.y}年${span}` : span,
    span,
    asOf: `截至${cnDate(b, true)}`,
  };
}

/** Parses either a code or "from~to". */
export function periodFromInput(input: { period?: string; from?: string; to?: string }): Period {
  if (input.period) {
    const range = /^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})$/.exec(input.period.trim());
    return range?.[1] && range[2] ? periodFromRange(range[1], range[2]) : parsePeriod(input.period);
  }
  if (input.from && input.to) return periodFromRange(input.from, input.to);
  throw invalid("");
}

function shiftYear(date: string, years: number): string {
  const p = parseIsoDate(date);
  if (!p) throw invalid(date);
  const y = p.y + years;
  // A month-end stays a month-end (2025-02-28 -> 2024-02-29); 02-29 falls back to 02-28.
  const d =
    p.d === daysInMonth(p.y, p.m) ? daysInMonth(y, p.m) : Math.min(p.d, daysInMonth(y, p.m));
  return isoDate(y, p.m, d);
}

/** The same period one year earlier, for 同比. */
export function samePeriodLastYear(period: Pick<Period, "from" | "to">): Period {
  return periodFromRange(shiftYear(period.from, -1), shiftYear(period.to, -1));
}
