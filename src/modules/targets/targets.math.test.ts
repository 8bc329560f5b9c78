import { describe, expect, it } from "vitest";
import {
  completionRate,
  dayOfYear,
  forecastYearEnd,
  formatForecastValue,
  ruleText,
  sameDayYearsBefore,
  statusLight,
  timeProgress,
} from "./targets.math.ts";

describe("time progress", () => {
  it("counts the as-of day as elapsed, in common and leap years", () => {
    expect(dayOfYear("2026-01-01")).toBe(1);
    expect(dayOfYear("2026-06-30")).toBe(181);
    expect(dayOfYear("2024-12-31")).toBe(366);
    expect(timeProgress("2026-06-30")).toBeCloseTo(181 / 365, 12);
    expect(timeProgress("2026-12-31")).toBe(1);
  });

  it("maps Feb 29 to Feb 28 in earlier common years", () => {
    expect(sameDayYearsBefore("2028-02-29", 1)).toBe("2027-02-28");
    expect(sameDayYearsBefore("2028-02-29", 4)).toBe("2024-02-29");
    expect(sameDayYearsBefore("2026-06-30", 2)).toBe("2024-06-30");
  });

  it("gives no completion without a target", () => {
    expect(completionRate(5, 0)).toBe(0);
    expect(completionRate(28, 31)).toBeCloseTo(0.9032, 4);
  });
});

describe("year-end forecast", () => {
  const base = { actual: 20, elapsed: 146, total: 365, cumulative: true };

  it("extrapolates linearly without history", () => {
    const f = forecastYearEnd({ ...base, history: [] });
    expect(f.method).toBe("linear");
    expect(f.value).toBeCloseTo(50, 10);
  });

  it("uses one year of seasonality", () => {
    const f = forecastYearEnd({
      ...base,
      history: [{ year: 2025, full: 30, atSameDay: 10 }],
    });
    expect(f).toMatchObject({ method: "seasonal", years: [2025], factor: 3 });
    expect(f.value).toBe(60);
  });

  it("averages the factors of up to three years", () => {
    const f = forecastYearEnd({
      ...base,
      history: [
        { year: 2025, full: 30, atSameDay: 10 },
        { year: 2024, full: 20, atSameDay: 10 },
        { year: 2023, full: 40, atSameDay: 10 },
        { year: 2022, full: 1000, atSameDay: 1 },
      ],
    });
    expect(f.years).toEqual([2025, 2024, 2023]);
    expect(f.factor).toBe(3);
    expect(f.value).toBe(60);
  });

  it("ignores years with a zero full-year value or a zero value at the same day", () => {
    const zeros = [
      { year: 2025, full: 0, atSameDay: 0 },
      { year: 2024, full: 12, atSameDay: 0 },
    ];
    const f = forecastYearEnd({ ...base, history: zeros });
    expect(f.method).toBe("linear");
    expect(f.value).toBeCloseTo(50, 10);
  });

  it("keeps a stock at its current level without history", () => {
    const f = forecastYearEnd({ ...base, cumulative: false, history: [] });
    expect(f).toMatchObject({ method: "current", value: 20 });
  });

  it("is the actual once the year is over", () => {
    const f = forecastYearEnd({
      ...base,
      elapsed: 365,
      history: [{ year: 2025, full: 30, atSameDay: 10 }],
    });
    expect(f).toMatchObject({ method: "final", value: 20 });
  });
});

describe("status light", () => {
  const light = (actual: number, forecast: number, tp: number, target = 100) =>
    statusLight({ actual, target, forecast, completion: actual / target, timeProgress: tp });

  it("is 达标 exactly at the target and not a hair below", () => {
    expect(light(100, 100, 0.5)).toBe("达标");
    // A hair below is not 达标; at the year end it is still inside the 5-point tolerance.
    expect(light(99.999, 99.999, 1)).toBe("正常");
    expect(light(94.999, 94.999, 1)).toBe("滞后");
  });

  it("is 正常 when the forecast reaches the target, however far behind time", () => {
    expect(light(10, 100, 0.9)).toBe("正常");
    expect(light(10, 99.99, 0.9)).toBe("滞后");
  });

  it("is 正常 exactly 5 points behind time progress and 滞后 just beyond", () => {
    expect(light(45, 50, 0.5)).toBe("正常");
    expect(light(44.9, 50, 0.5)).toBe("滞后");
    // 0.3 - 0.05 is 0.24999999999999997 in binary: the points comparison absorbs it.
    expect(light(25, 30, 0.3)).toBe("正常");
  });

  it("explains itself with the figures used", () => {
    const text = ruleText({
      asOf: "2026-06-30",
      completion: 0.452,
      timeProgress: 181 / 365,
      forecastCompletion: 1.023,
      forecast: { value: 0, method: "seasonal", years: [2025, 2024], factor: 2 },
      light: "正常",
    });
    expect(text).toMatch(
      /^截至6月30日完成率45\.2%，时间进度49\.6%，预计全年完成102\.3%（按2025、2024年同期进度推算）。判定为“正常”。/,
    );
  });
});

describe("forecast wording", () => {
  it("rounds counts of events to whole units, keeps decimals for money and ratios", () => {
    expect(formatForecastValue(17.25, "件", true)).toBe("17件");
    expect(formatForecastValue(283.526, "万元", true)).toBe("283.53万元");
    expect(formatForecastValue(0.9994, "件", false)).toBe("1件");
    expect(formatForecastValue(0.987, "件", false)).toBe("0.99件");
  });
});
