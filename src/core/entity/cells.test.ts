import { describe, expect, it } from "vitest";
import { parseDateCell } from "./cells.ts";

describe("parseDateCell", () => {
  it("keeps a valid YYYY-MM-DD day, leap days included, and trims it", () => {
    expect(parseDateCell("2017-04-25")).toBe("2017-04-25");
    expect(parseDateCell(" 2024-02-29 ")).toBe("2024-02-29");
    expect(parseDateCell("2000-02-29")).toBe("2000-02-29");
    expect(parseDateCell("2025-12-31")).toBe("2025-12-31");
  });

  it("refuses days that do not exist", () => {
    for (const s of ["2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10"])
      expect(parseDateCell(s)).toBeNull();
    expect(parseDateCell("2023-01-00")).toBeNull();
    expect(parseDateCell("2023-1a-01")).toBeNull();
    // Years before 100 cannot be told from 19xx by Date.UTC: refused, as before.
    expect(parseDateCell("0099-01-01")).toBeNull();
  });

  it("reads the other ways bureaus write dates", () => {
    expect(parseDateCell("2026/1/5")).toBe("2026-01-05");
    expect(parseDateCell("2026.1.5")).toBe("2026-01-05");
    expect(parseDateCell("2026年1月5日")).toBe("2026-01-05");
    expect(parseDateCell("20260105")).toBe("2026-01-05");
    expect(parseDateCell(new Date(Date.UTC(2026, 0, 5)))).toBe("2026-01-05");
    expect(parseDateCell(46027)).toBe("2026-01-05");
    expect(parseDateCell("2026-1-5")).toBe("2026-01-05");
    expect(parseDateCell("明天")).toBeNull();
  });
});
