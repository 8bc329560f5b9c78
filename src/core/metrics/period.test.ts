import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import {
  daysInMonth,
  nextDay,
  parseIsoDate,
  parsePeriod,
  periodFromInput,
  periodFromRange,
  samePeriodLastYear,
} from "./period.ts";

describe("parsePeriod", () => {
  it.each([
    ["2026", "2026-01-01", "2026-12-31", "2026年", "全年", "2026"],
    ["2026H1", "2026-01-01", "2026-06-30", "2026年上半年", "上半年", "2026H1"],
    ["2026h2", "2026-07-01", "2026-12-31", "2026年下半年", "下半年", "2026H2"],
    ["2026Q1", "2026-01-01", "2026-03-31", "2026年第一季度", "第一季度", "2026Q1"],
    ["2026Q4", "2026-10-01", "2026-12-31", "2026年第四季度", "第四季度", "2026Q4"],
    ["2026Q1-3", "2026-01-01", "2026-09-30", "2026年前三季度", "前三季度", "2026Q1-3"],
    ["2026Q1-2", "2026-01-01", "2026-06-30", "2026年上半年", "上半年", "2026H1"],
    ["2026Q2-3", "2026-04-01", "2026-09-30", "2026年4—9月", "4—9月", "2026M04-09"],
    ["2026M01-04", "2026-01-01", "2026-04-30", "2026年1—4月", "1—4月", "2026M01-04"],
    ["2026M03", "2026-03-01", "2026-03-31", "2026年3月", "3月", "2026M03"],
    ["2026M01-12", "2026-01-01", "2026-12-31", "2026年", "全年", "2026"],
    ["2024M02", "2024-02-01", "2024-02-29", "2024年2月", "2月", "2024M02"],
    ["2100M01-02", "2100-01-01", "2100-02-28", "2100年1—2月", "1—2月", "2100M01-02"],
    ["2000M02", "2000-02-01", "2000-02-29", "2000年2月", "2月", "2000M02"],
  ])("%s → %s..%s %s", (code, from, to, label, span, canonical) => {
    const p = parsePeriod(code);
    expect(p).toMatchObject({ from, to, label, span, code: canonical });
  });

  it("words the period end for stock metrics", () => {
    expect(parsePeriod("2026Q1-3").asOf).toBe("截至2026年9月底");
    expect(parsePeriod("2026").asOf).toBe("截至2026年底");
  });

  it.each([
    "",
    "26",
    "2026H3",
    "2026Q5",
    "2026Q3-1",
    "2026M13",
    "2026M00",
    "2026M05-02",
    "2026-05",
  ])("refuses %j with a Chinese validation error", (code) => {
    try {
      parsePeriod(code);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("VALIDATION");
      expect((err as AppError).message).toContain("统计期间");
    }
  });
});

describe("periodFromRange", () => {
  it("recognises whole months as the equivalent code", () => {
    expect(periodFromRange("2026-01-01", "2026-06-30").code).toBe("2026H1");
    expect(periodFromRange("2026-01-01", "2026-04-30").label).toBe("2026年1—4月");
  });

  it("words an odd range with days", () => {
    const p = periodFromRange("2026-03-05", "2026-06-30");
    expect(p).toMatchObject({ code: "2026-03-05~2026-06-30", label: "2026年3月5日至6月30日" });
    expect(p.asOf).toBe("截至2026年6月30日");
    expect(periodFromRange("2025-12-01", "2026-01-31").label).toBe("2025年12月1日至2026年1月31日");
  });

  it("refuses impossible dates and reversed ranges", () => {
    expect(() => periodFromRange("2025-02-29", "2025-03-01")).toThrow(AppError);
    expect(() => periodFromRange("2026-04-31", "2026-05-01")).toThrow(AppError);
    expect(() => periodFromRange("2026-05-02", "2026-05-01")).toThrow(AppError);
  });

  it("accepts a code or an explicit range through one entry point", () => {
    expect(periodFromInput({ period: "2026H1" }).to).toBe("2026-06-30");
    expect(periodFromInput({ period: "2026-03-05~2026-03-09" }).from).toBe("2026-03-05");
    expect(periodFromInput({ from: "2026-01-01", to: "2026-03-31" }).code).toBe("2026Q1");
    expect(() => periodFromInput({})).toThrow(AppError);
  });
});

describe("samePeriodLastYear", () => {
  it("keeps the shape of coded periods", () => {
    expect(samePeriodLastYear(parsePeriod("2026H1"))).toMatchObject({
      code: "2025H1",
      label: "2025年上半年",
    });
    expect(samePeriodLastYear(parsePeriod("2026M01-04")).to).toBe("2025-04-30");
  });

  it("follows month ends across leap years", () => {
    expect(samePeriodLastYear(parsePeriod("2024M02"))).toMatchObject({
      from: "2023-02-01",
      to: "2023-02-28",
    });
    expect(samePeriodLastYear(parsePeriod("2025M01-02"))).toMatchObject({
      from: "2024-01-01",
      to: "2024-02-29",
    });
  });

  it("clamps 29 February of an odd range to the 28th", () => {
    const p = samePeriodLastYear(periodFromRange("2024-02-10", "2024-02-29"));
    expect(p).toMatchObject({ from: "2023-02-10", to: "2023-02-28" });
    const q = samePeriodLastYear(periodFromRange("2025-03-05", "2025-03-20"));
    expect(q).toMatchObject({ from: "2024-03-05", to: "2024-03-20" });
  });
});

describe("date helpers", () => {
  it("knows month lengths and the next day", () => {
    expect([daysInMonth(2024, 2), daysInMonth(2023, 2), daysInMonth(1900, 2)]).toEqual([
      29, 28, 28,
    ]);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2023-02-28")).toBe("2023-03-01");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(parseIsoDate("2026-13-01")).toBeNull();
  });
});
