import { describe, expect, it } from "vitest";
import { KeySet } from "./key-set.ts";

describe("KeySet", () => {
  it("reports the first row of a repeated string key", () => {
    const s = new KeySet();
    expect(s.firstRow("a", 2)).toBeUndefined();
    expect(s.firstRow("b", 3)).toBeUndefined();
    expect(s.firstRow("a", 4)).toBe(2);
    expect(s.firstRow("a", 5)).toBe(2);
  });

  it("keeps integer keys exactly through growth, zero and 13-digit keys included", () => {
    const s = new KeySet();
    const base = 2_017_106_018_623;
    for (let i = 0; i < 200_000; i++) expect(s.firstRow(base + i * 7, i + 2)).toBeUndefined();
    expect(s.firstRow(0, 1)).toBeUndefined();
    expect(s.firstRow(0, 9)).toBe(1);
    for (let i = 0; i < 200_000; i += 997) expect(s.firstRow(base + i * 7, 0)).toBe(i + 2);
    // Neighbours of stored keys are not mistaken for them.
    expect(s.firstRow(base + 1, 3)).toBeUndefined();
    expect(s.firstRow(Number.MAX_SAFE_INTEGER - 1, 4)).toBeUndefined();
    expect(s.firstRow(Number.MAX_SAFE_INTEGER - 1, 5)).toBe(4);
  });

  it("refuses keys that are not exact integers", () => {
    expect(() => new KeySet().firstRow(1.5, 2)).toThrow();
    expect(() => new KeySet().firstRow(2 ** 53, 2)).toThrow();
  });
});
