/**
 * The official holiday arrangements (法定节假日 and 调休) published each year by the General
 * Office of the State Council (国务院办公厅关于X年部分节假日安排的通知). Dates are listed as
 * ranges of days off and single working weekend days; everything else follows the normal
 * Monday-to-Friday week. Later years are added by admins through the calendar_overrides
 * table until they are added here.
 *
 * Sources (written down from the notices as we know them; each year was checked weekday by
 * weekday, e.g. every 上班 day below falls on a Saturday or Sunday):
 * - 2024: 国办发明电〔2023〕7号. 除夕 (2/9) is not a day off in 2024 (the notice only
 *   encourages it), so it stays a working Friday.
 * - 2025: 国办发明电〔2024〕12号 (first year under the revised rules: 除夕 and 5/2 are days
 *   off, and only one working weekend for 劳动节).
 * - 2026: 国办发明电〔2025〕7号 as restated in the task brief and matching our own record.
 */

export interface HolidayYear {
  year: number;
  source: string;
  /** Inclusive ranges of days off: [first, last] in 'YYYY-MM-DD'. */
  off: { name: string; from: string; to: string }[];
  /** Weekend days that are working days (调休上班). */
  work: { name: string; date: string }[];
}

export const HOLIDAY_YEARS: readonly HolidayYear[] = [
  {
    year: 2024,
    source: "国办发明电〔2023〕7号",
    off: [
      { name: "元旦", from: "2024-01-01", to: "2024-01-01" },
      { name: "春节", from: "2024-02-10", to: "2024-02-17" },
      { name: "清明节", from: "2024-04-04", to: "2024-04-06" },
      { name: "劳动节", from: "2024-05-01", to: "2024-05-05" },
      { name: "端午节", from: "2024-06-10", to: "2024-06-10" },
      { name: "中秋节", from: "2024-09-15", to: "2024-09-17" },
      { name: "国庆节", from: "2024-10-01", to: "2024-10-07" },
    ],
    work: [
      { name: "春节", date: "2024-02-04" },
      { name: "春节", date: "2024-02-18" },
      { name: "清明节", date: "2024-04-07" },
      { name: "劳动节", date: "2024-04-28" },
      { name: "劳动节", date: "2024-05-11" },
      { name: "中秋节", date: "2024-09-14" },
      { name: "国庆节", date: "2024-09-29" },
      { name: "国庆节", date: "2024-10-12" },
    ],
  },
  {
    year: 2025,
    source: "国办发明电〔2024〕12号",
    off: [
      { name: "元旦", from: "2025-01-01", to: "2025-01-01" },
      { name: "春节", from: "2025-01-28", to: "2025-02-04" },
      { name: "清明节", from: "2025-04-04", to: "2025-04-06" },
      { name: "劳动节", from: "2025-05-01", to: "2025-05-05" },
      { name: "端午节", from: "2025-05-31", to: "2025-06-02" },
      { name: "国庆节、中秋节", from: "2025-10-01", to: "2025-10-08" },
    ],
    work: [
      { name: "春节", date: "2025-01-26" },
      { name: "春节", date: "2025-02-08" },
      { name: "劳动节", date: "2025-04-27" },
      { name: "国庆节、中秋节", date: "2025-09-28" },
      { name: "国庆节、中秋节", date: "2025-10-11" },
    ],
  },
  {
    year: 2026,
    source: "国办发明电〔2025〕7号",
    off: [
      { name: "元旦", from: "2026-01-01", to: "2026-01-03" },
      { name: "春节", from: "2026-02-15", to: "2026-02-23" },
      { name: "清明节", from: "2026-04-04", to: "2026-04-06" },
      { name: "劳动节", from: "2026-05-01", to: "2026-05-05" },
      { name: "端午节", from: "2026-06-19", to: "2026-06-21" },
      { name: "中秋节", from: "2026-09-25", to: "2026-09-27" },
      { name: "国庆节", from: "2026-10-01", to: "2026-10-07" },
    ],
    work: [
      { name: "元旦", date: "2026-01-04" },
      { name: "春节", date: "2026-02-14" },
      { name: "春节", date: "2026-02-28" },
      { name: "劳动节", date: "2026-05-09" },
      { name: "国庆节", date: "2026-09-20" },
      { name: "国庆节", date: "2026-10-10" },
    ],
  },
];

/** Years whose arrangement is built in; outside them only weekends and overrides apply. */
export const KNOWN_YEARS: readonly number[] = HOLIDAY_YEARS.map((y) => y.year);
