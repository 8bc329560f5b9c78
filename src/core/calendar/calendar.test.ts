import { describe, expect, it } from "vitest";
import { addWorkdays, createCalendar, isWorkday, weekday, workdaysBetween } from "./calendar.ts";
import { HOLIDAY_YEARS } from "./holidays.ts";

describe("built-in holiday data", () => {
  it("puts every 调休 working day on a weekend and every range inside its year", () => {
    for (const y of HOLIDAY_YEARS) {
      for (const w of y.work) expect([0, 6], `${w.date}`).toContain(weekday(w.date));
      for (const r of y.off) {
        expect(r.from <= r.to).toBe(true);
        expect(r.from.slice(0, 4)).toBe(String(y.year));
      }
    }
  });
});

describe("isWorkday", () => {
  it("follows the week outside the arrangements", () => {
    expect(isWorkday("2026-11-27")).toBe(true); // Friday
    expect(isWorkday("2026-11-28")).toBe(false); // Saturday
    expect(isWorkday("2027-03-07")).toBe(false); // Sunday, year not built in
  });
  it("knows 2026 days off and 调休 weekends", () => {
    expect(isWorkday("2026-10-01")).toBe(false);
    expect(isWorkday("2026-10-07")).toBe(false); // Wednesday, still 国庆
    expect(isWorkday("2026-10-10")).toBe(true); // Saturday 调休
    expect(isWorkday("2026-09-20")).toBe(true); // Sunday 调休
    expect(isWorkday("2026-02-23")).toBe(false); // Monday, still 春节
    expect(isWorkday("2026-02-14")).toBe(true); // Saturday 调休
    expect(isWorkday("2026-02-28")).toBe(true);
    expect(isWorkday("2026-01-04")).toBe(true); // Sunday after 元旦
  });
  it("knows 2024 and 2025", () => {
    expect(isWorkday("2024-02-09")).toBe(true); // 除夕 2024 was a working Friday
    expect(isWorkday("2024-02-18")).toBe(true);
    expect(isWorkday("2025-01-28")).toBe(false); // 除夕 2025 is a day off
    expect(isWorkday("2025-10-08")).toBe(false);
    expect(isWorkday("2025-10-11")).toBe(true);
  });
});

describe("addWorkdays", () => {
  it("crosses 国庆 2026 and lands on the 调休 Saturday", () => {
    // 9/29 (1), 9/30 (2), holiday 10/1-10/7, 10/8 (3), 10/9 (4), Saturday 10/10 (5).
    expect(addWorkdays("2026-09-28", 5)).toBe("2026-10-10");
    expect(addWorkdays("2026-09-28", 6)).toBe("2026-10-12");
  });
  it("crosses 春节 2026 with both 调休 Saturdays", () => {
    // 2/13 Fri (1), 2/14 Sat 调休 (2), holiday 2/15-2/23, 2/24 (3) … 2/27 (6), 2/28 Sat (7).
    expect(addWorkdays("2026-02-12", 2)).toBe("2026-02-14");
    expect(addWorkdays("2026-02-12", 3)).toBe("2026-02-24");
    expect(addWorkdays("2026-02-12", 7)).toBe("2026-02-28");
    expect(addWorkdays("2026-02-12", 8)).toBe("2026-03-02");
  });
  it("goes backwards and treats 0 as the same day", () => {
    expect(addWorkdays("2026-10-10", -5)).toBe("2026-09-28");
    expect(addWorkdays("2026-10-03", 0)).toBe("2026-10-03");
    expect(addWorkdays("2026-10-03", 1)).toBe("2026-10-08");
  });
});

describe("workdaysBetween", () => {
  it("counts (a, b] and is the inverse of addWorkdays on working days", () => {
    expect(workdaysBetween("2026-09-28", "2026-10-10")).toBe(5);
    expect(workdaysBetween("2026-10-10", "2026-09-28")).toBe(-5);
    expect(workdaysBetween("2026-10-01", "2026-10-07")).toBe(0);
    expect(workdaysBetween("2026-02-13", "2026-02-24")).toBe(2);
    for (const [a, n] of [
      ["2026-09-15", 12],
      ["2026-02-01", 20],
      ["2025-01-20", 9],
      ["2024-09-10", 15],
    ] as const) {
      expect(workdaysBetween(a, addWorkdays(a, n))).toBe(n);
    }
  });
});

describe("overrides", () => {
  it("let a deployment add next year's arrangement", () => {
    const cal = createCalendar([
      { date: "2027-01-01", isWorkday: false, note: "元旦" },
      { date: "2027-01-03", isWorkday: true, note: "元旦调休上班" },
    ]);
    expect(cal.isWorkday("2027-01-01")).toBe(false); // a Friday
    expect(cal.isWorkday("2027-01-03")).toBe(true); // a Sunday
    expect(cal.addWorkdays("2026-12-31", 1)).toBe("2027-01-03");
    expect(cal.noteOf("2027-01-01")).toBe("元旦");
    expect(isWorkday("2027-01-01")).toBe(true); // the default calendar is untouched
  });
  it("can override a built-in day", () => {
    const cal = createCalendar([{ date: "2026-10-10", isWorkday: false }]);
    expect(cal.isWorkday("2026-10-10")).toBe(false);
    expect(cal.noteOf("2026-10-01")).toBe("国庆节");
  });
});
