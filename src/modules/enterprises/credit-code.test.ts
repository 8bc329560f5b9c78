import { describe, expect, it } from "vitest";
import {
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  normaliseCreditCode,
  withCheckChar,
} from "./credit-code.ts";

describe("统一社会信用代码", () => {
  it("accepts known valid codes", () => {
    expect(isValidCreditCode("91512081MA62K0260E")).toBe(true);
    expect(isValidCreditCode("91110000600037341L")).toBe(true);
  });

  it("computes check characters that match a hand calculation", () => {
    // 9·1+1·3+5·9+1·27+2·19+0·26+8·16+1·17+M(21)·20+A(10)·29+6·25+2·13+K(19)·8+0·24+2·10+6·30+0·28
    // = 1505; 1505 mod 31 = 17; (31−17) mod 31 = 14 → 'E'.
    expect(creditCodeCheckChar("91512081MA62K0260")).toBe("E");
    // 91510000MA61XXXXX: Σ = 3857; 3857 mod 31 = 13; 31−13 = 18 → charset[18] = 'J'.
    expect(withCheckChar("91510000MA61XXXXX")).toBe("91510000MA61XXXXXJ");
    expect(isValidCreditCode("91510000MA61XXXXXJ")).toBe(true);
  });

  it("rejects wrong check characters, lengths and letters outside the charset", () => {
    expect(creditCodeProblem("91512081MA62K0260F")).toBe("校验位不正确");
    expect(creditCodeProblem("91110000600037341X")).toBe("校验位不正确");
    expect(creditCodeProblem("91512081MA62K0260")).toMatch(/应为18位/);
    expect(creditCodeProblem("91512081MA62K0260EE")).toMatch(/应为18位/);
    expect(creditCodeProblem("91512081MA62I0260E")).toMatch(/不允许的字符“I”/);
    expect(creditCodeProblem("91512081MA62O0260E")).toMatch(/不允许的字符“O”/);
    expect(creditCodeCheckChar("9151208?MA62K0260")).toBeNull();
  });

  it("normalises case, spaces and full-width input before checking", () => {
    expect(normaliseCreditCode(" 91512081ma62k0260e ")).toBe("91512081MA62K0260E");
    expect(normaliseCreditCode("９１５１２０８１ＭＡ６２Ｋ０２６０Ｅ")).toBe("91512081MA62K0260E");
  });
});
