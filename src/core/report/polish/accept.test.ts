import { describe, expect, it } from "vitest";
import type { NumberRun, Run } from "../model.ts";
import { checkRewrite, judgeRewrite, normalizeRewrite } from "./accept.ts";
import { extractFigures } from "./figures.ts";

const scope = {
  regionId: 7,
  regionPath: "51.11.26",
  regionName: "夹江县",
  from: "2026-01-01",
  to: "2026-06-30",
};
const num = (text: string, value: number, metric: string): NumberRun => ({
  t: "number",
  value,
  text,
  metric,
  scope,
});
const txt = (text: string): Run => ({ t: "text", text });

// "2026年上半年，全县发明专利申请量实现28件，完成目标任务的90.3%，同比增长12.5%。
//  四川夹江陶瓷有限公司于3月10日通过高新技术企业认定。"
const original: Run[] = [
  txt("2026年上半年，全县发明专利申请量实现"),
  num("28件", 28, "patents.invention.applications"),
  txt("，完成目标任务的"),
  num("90.3%", 0.903, "targets.completion"),
  txt("，"),
  { ...num("同比增长12.5%", 0.125, "patents.invention.applications"), base: scope },
  txt("。"),
  { t: "name", text: "四川夹江陶瓷有限公司", ref: { entity: "enterprise", id: 3 } },
  txt("于"),
  { t: "date", date: "2026-03-10", text: "3月10日" },
  txt("通过高新技术企业认定。"),
];
const good =
  "2026年上半年，全县发明专利申请量达到28件，完成目标任务的90.3%，同比增长12.5%。四川夹江陶瓷有限公司于3月10日顺利通过高新技术企业认定。";

describe("extractFigures", () => {
  it("finds Arabic figures with decimals, thousands separators and percent", () => {
    expect(extractFigures("2026年完成1,234.5万元，占比90.3%，共28件")).toEqual([
      "2026",
      "1,234.5",
      "90.3%",
      "28",
    ]);
  });

  it("reads full-width digits as ASCII", () => {
    expect(extractFigures("共２８件，占９０％")).toEqual(["28", "90%"]);
  });

  it("finds Chinese numerals before a measure word, but not the idiomatic lone 一", () => {
    expect(extractFigures("新增三项，两家企业，十二个项目，进一步推动一批项目")).toEqual([
      "三项",
      "两家",
      "十二个",
    ]);
    expect(extractFigures("十四五期间，一是加强，二是推进")).toEqual([]);
  });

  it("does not split a Chinese comma-separated list into a thousands figure", () => {
    expect(extractFigures("28，100家")).toEqual(["28", "100"]);
  });
});

describe("normalizeRewrite", () => {
  it("strips quotes, code fences and line breaks the model adds", () => {
    expect(normalizeRewrite("  “全县共28件。”\n")).toBe("全县共28件。");
    expect(normalizeRewrite("```\n全县共28件，\n同比增长。\n```")).toBe("全县共28件，同比增长。");
    expect(normalizeRewrite('"全县共28件。"')).toBe("全县共28件。");
  });

  it("keeps inner quotes that are part of the text", () => {
    expect(normalizeRewrite("开展“科技活动周”，参与“双创”")).toBe("开展“科技活动周”，参与“双创”");
  });
});

describe("checkRewrite", () => {
  it("accepts a rewrite that keeps every fact verbatim", () => {
    expect(checkRewrite(original, good)).toEqual([]);
  });

  it("refuses a changed figure, naming the missing fact and the new figure", () => {
    const bad = good.replace("28件", "30件");
    expect(checkRewrite(original, bad)).toEqual([
      "改写稿缺少数据“28件”",
      "改写稿出现了原文没有的数字“30”",
    ]);
  });

  it("refuses a missing name or date", () => {
    const noName = good.replace("四川夹江陶瓷有限公司", "该公司");
    expect(checkRewrite(original, noName)).toEqual(["改写稿缺少名称“四川夹江陶瓷有限公司”"]);
    const noDate = good.replace("3月10日", "三月十日");
    expect(checkRewrite(original, noDate)).toEqual(["改写稿缺少日期“3月10日”"]);
  });

  it("refuses a figure the original never stated, even a year", () => {
    const added = `${good.slice(0, -1)}，为2027年打下基础。`;
    expect(checkRewrite(original, added)).toEqual(["改写稿出现了原文没有的数字“2027”"]);
    const chinese = good.replace("顺利通过", "三家企业通过");
    expect(checkRewrite(original, chinese)).toEqual(["改写稿出现了原文没有的数字“三家”"]);
  });

  it("accepts figures that only appear in the original's plain text (the year)", () => {
    expect(extractFigures(good)).toContain("2026");
    expect(checkRewrite(original, good)).toEqual([]);
  });

  it("refuses a rounded or re-worded figure", () => {
    const rounded = good.replace("90.3%", "90%");
    expect(checkRewrite(original, rounded)).toEqual([
      "改写稿缺少数据“90.3%”",
      "改写稿出现了原文没有的数字“90%”",
    ]);
  });

  it("does not find a figure inside a longer one", () => {
    const bigger = good.replace("28件", "128件");
    expect(checkRewrite(original, bigger)).toEqual([
      "改写稿缺少数据“28件”",
      "改写稿出现了原文没有的数字“128”",
    ]);
  });

  it("requires each repeated fact as often as the original states it", () => {
    const twice: Run[] = [
      txt("登记技术合同"),
      num("11项", 11, "contracts.count"),
      txt("，其中技术开发合同"),
      num("11项", 11, "contracts.development.count"),
      txt("。"),
    ];
    expect(checkRewrite(twice, "登记技术合同11项，均为技术开发合同。")).toEqual([
      "改写稿缺少数据“11项”",
    ]);
    expect(checkRewrite(twice, "共登记技术合同11项，其中技术开发合同11项。")).toEqual([]);
  });

  it("refuses an empty rewrite", () => {
    expect(checkRewrite(original, "  \n ")).toEqual(["改写稿为空"]);
    expect(checkRewrite(original, "“”")).toEqual(["改写稿为空"]);
  });

  it("refuses a rewrite more than half again as long as the original", () => {
    const before = [...original.map((r) => r.text).join("")].length;
    const padded = `${good}全县上下凝心聚力、攻坚克难，科技创新工作取得了令人瞩目的显著成效，为全县高质量发展作出了积极贡献。`;
    const reasons = checkRewrite(original, padded);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^改写稿过长（\d+字，原文\d+字，最多\d+字）$/);
    expect(reasons[0]).toContain(`原文${before}字`);
    expect(checkRewrite(original, `${good}全县上下凝心聚力。`)).toEqual([]);
  });
});

describe("judgeRewrite", () => {
  it("rebuilds accepted text into runs that keep every trace", () => {
    const v = judgeRewrite(original, `“${good}”`);
    expect(v.accepted).toBe(true);
    expect(v.text).toBe(good);
    const runs = v.runs ?? [];
    expect(runs.map((r) => r.text).join("")).toBe(good);
    expect(runs.filter((r) => r.t !== "text")).toEqual(original.filter((r) => r.t !== "text"));
    expect(runs[0]).toEqual(txt("2026年上半年，全县发明专利申请量达到"));
  });

  it("gives no runs when refused", () => {
    const v = judgeRewrite(original, good.replace("28件", "30件"));
    expect(v.accepted).toBe(false);
    expect(v.runs).toBeNull();
    expect(v.reasons).toContain("改写稿缺少数据“28件”");
  });
});
