import { describe, expect, it } from "vitest";
import { hteHints, requiredRdShare, stageOf } from "./pipeline.ts";

const none = { certificates: [], pendingYears: [], reserveYears: [] };

describe("cultivation stage", () => {
  it("reads 有效, 临期 and 到期 from certificate dates, across a year end", () => {
    const cert = { issued_on: "2024-03-10", expires_on: "2027-03-09" };
    expect(stageOf({ ...none, certificates: [cert] }, "2026-09-08")).toBe("有效");
    expect(stageOf({ ...none, certificates: [cert] }, "2026-09-09")).toBe("临期");
    // 2026-11-25 + 6 months = 2027-05-25, past the March 2027 expiry.
    expect(stageOf({ ...none, certificates: [cert] }, "2026-11-25")).toBe("临期");
    expect(stageOf({ ...none, certificates: [cert] }, "2027-03-09")).toBe("临期");
    expect(stageOf({ ...none, certificates: [cert] }, "2027-03-10")).toBe("到期");
  });

  it("judges a re-recognised enterprise by its newest certificate", () => {
    const certificates = [
      { issued_on: "2023-11-01", expires_on: "2026-10-31" },
      { issued_on: "2026-10-20", expires_on: "2029-10-19" },
    ];
    expect(stageOf({ ...none, certificates }, "2026-10-25")).toBe("有效");
  });

  it("puts pending applications before an old expiry, and reserve last", () => {
    const expired = [{ issued_on: "2020-01-01", expires_on: "2022-12-31" }];
    expect(stageOf({ ...none, certificates: expired, pendingYears: [2026] }, "2026-06-30")).toBe(
      "申报",
    );
    expect(stageOf({ ...none, certificates: expired, reserveYears: [2026] }, "2026-06-30")).toBe(
      "到期",
    );
    expect(stageOf({ ...none, reserveYears: [2025] }, "2026-06-30")).toBe("储备");
    expect(stageOf({ ...none, reserveYears: [2023] }, "2026-06-30")).toBeNull();
  });
});

describe("高企 hints", () => {
  it("uses the R&D share of the revenue band", () => {
    expect(requiredRdShare(50_000_000)).toBe(0.05);
    expect(requiredRdShare(50_000_001)).toBe(0.04);
    expect(requiredRdShare(200_000_000)).toBe(0.04);
    expect(requiredRdShare(200_000_001)).toBe(0.03);
  });

  it("says which conditions the figures meet and which data is missing", () => {
    const hints = hteHints(
      {
        year: 2025,
        revenue: 100_000_000,
        rd_expense: 3_900_000,
        hitech_income: 65_000_000,
        employees: 200,
        st_staff: 20,
      },
      "2025-12-01",
      "2026-11-25",
    );
    const met = Object.fromEntries(hints.map((h) => [h.key, h.met]));
    expect(met).toEqual({ rd_share: false, hitech_share: true, st_staff: true, registered: false });
    expect(hints[0]?.detail).toBe("2025年为3.9%，按收入规模应不低于4.0%");
    expect(hteHints(null, null, "2026-11-25").every((h) => h.met === null)).toBe(true);
  });
});
