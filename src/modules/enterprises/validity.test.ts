import { describe, expect, it } from "vitest";
import { addMonths, expiryOf, expiryWindowEnd, previousDay } from "./validity.ts";

const hte = { valid_years: 3, by_year: false };
const tsme = { valid_years: 1, by_year: true };

describe("qualification validity", () => {
  it("runs a 高企 certificate three years from its issue date", () => {
    expect(expiryOf(hte, 2023, "2023-10-16")).toBe("2026-10-15");
    expect(expiryOf(hte, 2024, "2024-01-01")).toBe("2026-12-31");
    expect(expiryOf(hte, 2024, "2024-02-29")).toBe("2027-02-27");
  });

  it("keeps a 科小 number valid for its year only", () => {
    expect(expiryOf(tsme, 2026, "2026-04-10")).toBe("2026-12-31");
    expect(expiryOf(tsme, 2026, null)).toBe("2026-12-31");
  });

  it("moves across year ends and clamps to month ends", () => {
    expect(addMonths("2026-11-25", 6)).toBe("2027-05-25");
    expect(addMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addMonths("2027-12-31", -10)).toBe("2027-02-28");
    expect(previousDay("2027-01-01")).toBe("2026-12-31");
    expect(previousDay("2028-03-01")).toBe("2028-02-29");
    expect(expiryWindowEnd("2026-12-15")).toBe("2027-06-15");
  });
});
