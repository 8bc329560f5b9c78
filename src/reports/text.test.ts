import { describe, expect, it } from "vitest";
import type { NumberRun, ReportDocument } from "../core/report/model.ts";
import { renderText } from "./text.ts";

const scope = {
  regionId: 1,
  regionPath: "/1/",
  regionName: "甲县",
  from: "2026-01-01",
  to: "2026-06-30",
};
const n = (value: number, text: string): NumberRun => ({
  t: "number",
  value,
  text,
  metric: "x",
  scope,
});
const t = (text: string) => ({ t: "text" as const, text });

describe("renderText", () => {
  it("numbers headings, joins runs and lays tables out as tab-separated rows", () => {
    const doc: ReportDocument = {
      title: "甲县总结",
      addressee: "甲县人民政府",
      blocks: [
        { type: "heading", key: "work", level: 1, runs: [t("主要工作")] },
        { type: "heading", key: "a", level: 2, runs: [t("专利")] },
        { type: "paragraph", key: "a.p", runs: [t("申请"), n(32, "32件"), t("。")] },
        { type: "heading", key: "b", level: 2, runs: [t("项目")] },
        { type: "list", key: "b.l", ordered: true, items: [[t("甲")], [t("乙")]] },
        {
          type: "table",
          key: "b.t",
          caption: [t("表1")],
          unitNote: "单位：件",
          header: [[{ runs: [t("指标")] }, { runs: [t("数值")], colSpan: 2 }]],
          body: [[{ runs: [t("申请\t量")] }, { runs: [n(32, "32件")] }, { runs: [t("—")] }]],
        },
        {
          type: "chart",
          key: "b.c",
          spec: "bar",
          title: "月度",
          categories: ["1月", "2月"],
          series: [{ name: "申请", values: [n(3, "3件"), n(4, "4件")] }],
        },
      ],
      signature: { unit: "甲县科学技术和知识产权局", date: "2026-07-10" },
    };
    expect(renderText(doc)).toBe(
      [
        "甲县总结",
        "甲县人民政府：",
        "一、主要工作",
        "（一）专利",
        "申请32件。",
        "（二）项目",
        "1. 甲",
        "2. 乙",
        "表1",
        "单位：件",
        "指标\t数值\t",
        "申请 量\t32件\t—",
        "［图表］月度",
        "\t1月\t2月",
        "申请\t3件\t4件",
        "",
        "甲县科学技术和知识产权局",
        "2026年7月10日",
        "",
      ].join("\n"),
    );
  });

  it("leaves out what the document lacks", () => {
    expect(renderText({ title: "标题", blocks: [] })).toBe("标题\n");
  });
});
