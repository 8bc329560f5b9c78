import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDateCn,
  formatGrowth,
  formatMetricValue,
  formatMoney,
  formatPercent,
  growthRate,
  roundTo,
} from "./format.ts";

describe("formatCount", () => {
  it("appends the counter word", () => {
    expect(formatCount(32, "件")).toBe("32件");
    expect(formatCount(0, "项")).toBe("0项");
    expect(formatCount(2.5, "人次")).toBe("2.5人次");
    expect(formatCount(1 / 3, "个")).toBe("0.33个");
  });
});

describe("formatMoney (input in 元)", () => {
  it.each([
    [1_850_000_000, "18.5亿元"],
    [2_000_000_000, "20亿元"],
    [1_853_400_000, "18.53亿元"],
    [3_000_000, "300万元"],
    [101_000, "10.1万元"],
    [300_000, "30万元"],
    [12_345_678, "1234.57万元"],
    [10_000, "1万元"],
    [9_999, "9999元"],
    [850.5, "850.5元"],
    [0, "0元"],
    [99_999_999, "1亿元"],
    [9_999.999, "1万元"],
    [-3_000_000, "-300万元"],
  ])("%d → %s", (yuan, text) => {
    expect(formatMoney(yuan)).toBe(text);
  });

  it("honours fewer decimals", () => {
    expect(formatMoney(1_856_000_000, 1)).toBe("18.6亿元");
  });
});

describe("formatPercent (input a fraction)", () => {
  it("shows one decimal", () => {
    expect(formatPercent(0.903)).toBe("90.3%");
    expect(formatPercent(0.9)).toBe("90.0%");
    expect(formatPercent(1)).toBe("100.0%");
    expect(formatPercent(0.12345, 2)).toBe("12.35%");
    expect(formatPercent(-0.0001)).toBe("0.0%");
  });
});

describe("formatGrowth", () => {
  it("words rises, falls and flat", () => {
    expect(formatGrowth(45, 40)).toBe("同比增长12.5%");
    expect(formatGrowth(97, 100)).toBe("同比下降3.0%");
    expect(formatGrowth(100, 100)).toBe("与去年同期持平");
    expect(formatGrowth(100_001, 100_000)).toBe("与去年同期持平");
    expect(formatGrowth(0, 0)).toBe("与去年同期持平");
    expect(formatGrowth(5, 0)).toBeNull();
    expect(growthRate(5, 0)).toBeNull();
    expect(formatGrowth(30, 10)).toBe("同比增长200.0%");
  });
});

describe("formatMetricValue", () => {
  it("chooses the wording from the unit", () => {
    expect(formatMetricValue(32, "件")).toBe("32件");
    expect(formatMetricValue(300, "万元")).toBe("300万元");
    expect(formatMetricValue(185_000, "万元")).toBe("18.5亿元");
    expect(formatMetricValue(101_000, "元")).toBe("10.1万元");
    expect(formatMetricValue(0.903, "%")).toBe("90.3%");
  });
});

describe("helpers", () => {
  it("rounds half away from zero without binary artefacts", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(0.125, 2)).toBe(0.13);
  });

  it("words dates with Arabic numerals", () => {
    expect(formatDateCn("2026-11-05")).toBe("2026年11月5日");
    expect(formatDateCn("2026-03-10", false)).toBe("3月10日");
  });
});
