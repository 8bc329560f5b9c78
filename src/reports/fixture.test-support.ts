import type { MetricScope } from "../core/metrics/metric.ts";
import type { NumberRun, ReportDocument } from "../core/report/model.ts";

/** A small document with every block kind, for renderer tests that need no database. */
export const FIXTURE_SCOPE: MetricScope = {
  regionId: 7,
  regionPath: "/1/2/7/",
  regionName: "夹江县",
  from: "2026-01-01",
  to: "2026-06-30",
};

export function num(value: number, text: string, metric: string): NumberRun {
  return { t: "number", value, text, metric, scope: { ...FIXTURE_SCOPE } };
}

export function fixtureDocument(): ReportDocument {
  return {
    title: "夹江县科学技术和知识产权局2026年上半年工作总结",
    addressee: "夹江县人民政府",
    blocks: [
      { type: "paragraph", key: "opening", runs: [{ t: "text", text: "现将工作情况总结如下：" }] },
      { type: "heading", key: "work", level: 1, runs: [{ t: "text", text: "主要工作开展情况" }] },
      { type: "heading", key: "ip", level: 2, runs: [{ t: "text", text: "知识产权工作" }] },
      { type: "heading", key: "ip.a", level: 3, runs: [{ t: "text", text: "专利创造" }] },
      { type: "heading", key: "ip.b", level: 4, runs: [{ t: "text", text: "申请情况" }] },
      {
        type: "paragraph",
        key: "ip.p1",
        runs: [
          { t: "text", text: "上半年，全县共完成专利申请" },
          num(32, "32件", "patents.applications"),
          { t: "text", text: "，其中发明专利" },
          num(5, "5件", "patents.applications.invention"),
          { t: "text", text: "。专利授权" },
          num(16, "16件", "patents.grants"),
          { t: "text", text: "。" },
        ],
      },
      {
        type: "table",
        key: "ip.t1",
        caption: [{ t: "text", text: "专利申请情况表" }],
        unitNote: "单位：件",
        header: [
          [
            { runs: [{ t: "text", text: "类型" }], rowSpan: 2 },
            { runs: [{ t: "text", text: "数量" }], colSpan: 2 },
          ],
          [{ runs: [{ t: "text", text: "申请" }] }, { runs: [{ t: "text", text: "授权" }] }],
        ],
        body: [
          [
            { runs: [{ t: "text", text: "发明" }], align: "left" },
            { runs: [num(5, "5", "patents.applications.invention")] },
            { runs: [num(2, "2", "patents.grants.invention")] },
          ],
        ],
      },
      {
        type: "list",
        key: "ip.l",
        ordered: true,
        items: [[{ t: "text", text: "加强宣传。" }], [{ t: "text", text: "做好服务。" }]],
      },
      {
        type: "chart",
        key: "ip.c",
        spec: "bar",
        title: "专利授权趋势",
        categories: ["1月", "2月"],
        series: [
          {
            name: "授权",
            values: [num(7, "7件", "patents.grants"), num(9, "9件", "patents.grants")],
          },
        ],
      },
    ],
    signature: { unit: "夹江县科学技术和知识产权局", date: "2026-11-25" },
  };
}
