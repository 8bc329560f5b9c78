import { HOLIDAY_YEARS } from "./holidays.ts";

/**
 * Working days under the Chinese calendar: Monday to Friday, minus the days off of the
 * official arrangement, plus its 调休 working weekends, with admin overrides on top. Dates
 * are 'YYYY-MM-DD' strings throughout; arithmetic is done in UTC so no time zone can shift
 * a day.
 */

export interface DayOverride {
  date: string;
  isWorkday: boolean;
  note?: string | null;
}

export interface WorkCalendar {
  isWorkday(date: string): boolean;
  /** The date n working days after `date` (n > 0), before it (n < 0), or `date` itself (0). */
  addWorkdays(date: string, n: number): string;
  /**
   * Working days in (a, b] when b >= a; minus the working days in (b, a] otherwise — so
   * addWorkdays(a, workdaysBetween(a, b)) === b whenever b is a working day.
   */
  workdaysBetween(a: string, b: string): number;
  /** The note of the day (holiday name, 调休上班, override note), or null. */
  noteOf(date: string): string | null;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar day `days` after `date`. */
export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(toMs(date)).getUTCDay();
}

function builtIn(): Map<string, { work: boolean; note: string }> {
  const days = new Map<string, { work: boolean; note: string }>();
  for (const y of HOLIDAY_YEARS) {
    for (const r of y.off)
      for (let d = r.from; d <= r.to; d = addDays(d, 1)) days.set(d, { work: false, note: r.name });
    for (const w of y.work) days.set(w.date, { work: true, note: `${w.name}调休上班` });
  }
  return days;
}

const BUILT_IN = builtIn();

/** A calendar from the built-in arrangements plus overrides (later overrides win). */
export function createCalendar(overrides: readonly DayOverride[] = []): WorkCalendar {
  const days = new Map(BUILT_IN);
  for (const o of overrides)
    days.set(o.date, { work: o.isWorkday, note: o.note ?? (o.isWorkday ? "上班" : "休息") });

  const isWorkday = (date: string): boolean => {
    const hit = days.get(date);
    if (hit) return hit.work;
    const w = weekday(date);
    return w !== 0 && w !== 6;
  };

  const addWorkdays = (date: string, n: number): string => {
    const step = n >= 0 ? 1 : -1;
    let d = date;
    for (let left = Math.abs(n); left > 0; ) {
      d = addDays(d, step);
      if (isWorkday(d)) left -= 1;
    }
    return d;
  };

  const workdaysBetween = (a: string, b: string): number => {
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkday(d)) count += 1;
    return sign * count;
  };

  return {
    isWorkday,
    addWorkdays,
    workdaysBetween,
    noteOf: (date) => days.get(date)?.note ?? null,
  };
}

const DEFAULT = createCalendar();

/** Built-in calendar only (no database overrides). */
export function isWorkday(date: string): boolean {
  return DEFAULT.isWorkday(date);
}

export function addWorkdays(date: string, n: number): string {
  return DEFAULT.addWorkdays(date, n);
}

export function workdaysBetween(a: string, b: string): number {
  return DEFAULT.workdaysBetween(a, b);
}
