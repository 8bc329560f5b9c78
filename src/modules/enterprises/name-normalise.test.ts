import { describe, expect, it } from "vitest";
import { normaliseEnterpriseName } from "./name-normalise.ts";

describe("normaliseEnterpriseName", () => {
  it("treats 有限责任公司 and 有限公司 as the same", () => {
    expect(normaliseEnterpriseName("夹江汇丰纸业有限责任公司")).toBe(
      normaliseEnterpriseName("夹江汇丰纸业有限公司"),
    );
  });

  it("treats full-width and half-width brackets alike", () => {
    expect(normaliseEnterpriseName("四川铭帝铝业（夹江）有限公司")).toBe(
      normaliseEnterpriseName("四川铭帝铝业(夹江)有限公司"),
    );
  });

  it("drops spaces, including the ideographic space, and folds full-width letters", () => {
    expect(normaliseEnterpriseName(" 乐山 凯亚达\u3000光电科技有限公司 ")).toBe(
      "乐山凯亚达光电科技有限公司",
    );
    expect(normaliseEnterpriseName("ＡＢＣ科技有限公司")).toBe("ABC科技有限公司");
    expect(normaliseEnterpriseName("abc科技有限公司")).toBe("ABC科技有限公司");
  });

  it("keeps different companies apart", () => {
    expect(normaliseEnterpriseName("夹江汇丰纸业有限公司")).not.toBe(
      normaliseEnterpriseName("夹江汇丰陶瓷有限公司"),
    );
    expect(normaliseEnterpriseName("新万兴碳纤维复合材料有限公司")).not.toBe(
      normaliseEnterpriseName("新万兴碳纤维复合材料股份有限公司"),
    );
  });
});
