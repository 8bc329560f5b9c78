import { describe, expect, it } from "vitest";
import type { MetricScope } from "../metrics/metric.ts";
import { escapeHtml, renderHtml } from "./html.ts";
import type { Block, NumberRun, ReportDocument } from "./model.ts";
import { chineseNumeral, numberHeadings } from "./numbering.ts";

const scope: MetricScope = {
  regionId: 3,
  regionPath: "/1/2/3/",
  regionName: "甲县",
  from: "2026-01-01",
  to: "2026-06-30",
};

const num = (value: number, text: string, metric = "x.count"): NumberRun => ({
  t: "number",
  value,
  text,
  metric,
  scope,
});

const h = (key: string, level: 1 | 2 | 3 | 4): Block => ({
  type: "heading",
  key,
  level,
  runs: [{ t: "text", text: key }],
});

describe("numbering", () => {
  it("writes Chinese numerals for heading counters", () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99].map(chineseNumeral)).toEqual([
      "一",
      "九",
      "十",
      "十一",
      "十九",
      "二十",
      "二十一",
      "九十九",
    ]);
  });

  it("numbers by position and resets deeper levels", () => {
    const blocks: Block[] = [
      h("a", 1),
      h("a1", 2),
      h("a1x", 3),
      h("a1xi", 4),
      h("a1xii", 4),
      h("a1y", 3),
      h("a2", 2),
      h("a2x", 3),
      { type: "paragraph", key: "p", runs: [] },
      h("b", 1),
      h("b1", 2),
    ];
    const prefixes = numberHeadings(blocks);
    expect(blocks.map((_b, i) => prefixes.get(i) ?? "-")).toEqual([
      "一、",
      "（一）",
      "1.",
      "（1）",
      "（2）",
      "2.",
      "（二）",
      "1.",
      "-",
      "二、",
      "（一）",
    ]);
  });
});

describe("renderHtml", () => {
  it("escapes every piece of user text, in content and attributes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
    const evil = `"><img src=x onerror=alert(1)>`;
    const doc: ReportDocument = {
      title: `<b>${evil}</b>`,
      addressee: evil,
      blocks: [
        {
          type: "paragraph",
          key: evil,
          runs: [{ t: "name", text: evil, ref: { entity: evil, id: evil } }],
        },
        { type: "list", key: "l", ordered: false, items: [[{ t: "text", text: evil }]] },
        {
          type: "table",
          key: "t",
          caption: [{ t: "text", text: evil }],
          header: [[{ runs: [{ t: "text", text: evil }] }]],
          body: [
            [{ runs: [{ ...num(1, evil), metric: evil, scope: { ...scope, regionName: evil } }] }],
          ],
        },
        {
          type: "chart",
          key: "c",
          spec: evil,
          title: evil,
          categories: [evil],
          series: [{ name: evil, values: [num(1, "1")] }],
        },
      ],
      signature: { unit: evil, date: "2026-07-10" },
    };
    const html = renderHtml(doc);
    expect(html).not.toMatch(/<img|<b>/);
    // Every quote in the input is escaped, so no attribute can be closed early.
    expect(html).not.toContain(`"><img`);
    expect(html.match(/&quot;&gt;&lt;img/g)?.length).toBeGreaterThanOrEqual(10);
  });

  it("renders lists, merged table cells and chart data", () => {
    const doc: ReportDocument = {
      title: "标题",
      blocks: [
        {
          type: "list",
          key: "l",
          ordered: true,
          items: [[{ t: "text", text: "甲" }], [num(2, "2项")]],
        },
        {
          type: "table",
          key: "t",
          header: [[{ runs: [{ t: "text", text: "合计" }], colSpan: 2, align: "center" }]],
          body: [[{ runs: [num(3, "3")], rowSpan: 2 }, { runs: [num(4, "4")] }]],
        },
        {
          type: "chart",
          key: "c",
          spec: "bar",
          categories: ["甲"],
          series: [{ name: "申请", values: [num(5, "5件")] }],
        },
      ],
    };
    const html = renderHtml(doc);
    expect(html).toContain('<ol data-key="l"><li>甲</li><li><span class="kg-num"');
    expect(html).toContain(
      '<th colspan="2" style="border:1px solid #000;padding:2px 6px;text-align:center">合计</th>',
    );
    expect(html).toContain('<td rowspan="2"');
    expect(html).toContain('data-spec="bar"');
    expect(html).toContain("&quot;values&quot;:[5]");
    // Without a registry the hover text falls back to the metric id.
    expect(html).toContain('title="指标：x.count；范围：甲县 2026-01-01—2026-06-30"');
  });
});
