import { describe, expect, it } from "vitest";
import { checkChar, numberSearchText, parseApplicationNo, withCheck } from "./application-no.ts";

const ok = (raw: string) => {
  const p = parseApplicationNo(raw);
  if (!p.ok) throw new Error(`${raw}: ${p.message}`);
  return p.value;
};
const problem = (raw: string) => {
  const p = parseApplicationNo(raw);
  return p.ok ? null : p.message;
};

describe("patent application numbers", () => {
  it("accepts the DESIGN examples in both forms", () => {
    expect(ok("201710601862.3")).toEqual({
      normal: "201710601862.3",
      type: "发明",
      pct: false,
      year: 2017,
    });
    expect(ok("201210073383.6").normal).toBe("201210073383.6");
    expect(ok("95115608.X")).toEqual({
      normal: "95115608.X",
      type: "发明",
      pct: false,
      year: 1995,
    });
  });

  it("computes the check by hand-worked weights", () => {
    // 2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5 = 157; 157 mod 11 = 3
    expect(checkChar("201710601862")).toBe("3");
    // 9·2+5·3+1·4+1·5+5·6+6·7+0·8+8·9 = 186; 186 mod 11 = 10 → X
    expect(checkChar("95115608")).toBe("X");
  });

  it("refuses wrong check digits, naming the right one", () => {
    expect(problem("201210073383.X")).toBe("校验位应为“6”，不是“X”");
    expect(problem("201710601862.4")).toBe("校验位应为“3”，不是“4”");
    expect(problem("95115608.1")).toBe("校验位应为“X”，不是“1”");
  });

  it("normalises prefixes, spaces, full-width characters, lower-case x and missing dots", () => {
    expect(ok("ZL201710601862.3").normal).toBe("201710601862.3");
    expect(ok("CN 2017 1060 1862.3").normal).toBe("201710601862.3");
    expect(ok("ＺＬ２０１７１０６０１８６２．３").normal).toBe("201710601862.3");
    expect(ok("2017106018623").normal).toBe("201710601862.3");
    expect(ok("zl95115608x").normal).toBe("95115608.X");
    expect(ok("ZL 95115608.x").normal).toBe("95115608.X");
  });

  it("derives the type from the type digit, PCT included", () => {
    expect(ok(withCheck("202520123456")).type).toBe("实用新型");
    expect(ok(withCheck("202530123456")).type).toBe("外观设计");
    expect(ok(withCheck("202580123456"))).toMatchObject({ type: "发明", pct: true });
    expect(ok(withCheck("202590123456"))).toMatchObject({ type: "实用新型", pct: true });
    expect(ok(withCheck("98201234")).type).toBe("实用新型");
  });

  it("explains malformed numbers in Chinese", () => {
    expect(problem("")).toBe("申请号不能为空");
    expect(problem("2017106018.3")).toMatch(/当前为10位/);
    expect(problem("201710601862")).toBe("缺少校验位（小数点后的一位数字或X）");
    expect(problem("20171A601862.3")).toMatch(/字符/);
    expect(problem(withCheck("202540123456"))).toMatch(/第5位专利类型码“4”不正确/);
    expect(problem(withCheck("199810123456"))).toMatch(/申请年份“1998”不正确/);
    expect(problem(withCheck("80112345"))).toMatch(/申请年份“1980”不正确/);
  });

  it("searches a typed number in the stored form, a part of one cleaned, other text as typed", () => {
    const no = withCheck("202625140409");
    expect(no).toBe("202625140409.3");
    for (const typed of [
      no,
      "2026251404093",
      `ZL${no}`,
      `CN ${no}`,
      "２０２６２５１４０４０９．３",
    ])
      expect(numberSearchText(typed)).toBe(no);
    expect(numberSearchText("ZL2026251404")).toBe("2026251404");
    expect(numberSearchText("２０１７３８")).toBe("201738");
    expect(numberSearchText("碳纤维")).toBe("碳纤维");
    expect(numberSearchText("Led灯")).toBe("Led灯");
  });
});
