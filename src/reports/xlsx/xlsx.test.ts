import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { defineMetric } from "../../core/metrics/metric.ts";
import { createMetricRegistry } from "../../core/metrics/registry.ts";
import { fixtureDocument } from "../fixture.test-support.ts";
import { renderReportXlsx } from "./render.ts";
import { numberRows, sentenceAt } from "./rows.ts";

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe("report statistics workbook", () => {
  it("finds the sentence and section of every figure", () => {
    expect(sentenceAt("甲。乙丙，丁；戊", 3)).toBe("乙丙，丁；");
    const rows = numberRows(fixtureDocument());
    expect(rows.map((r) => [r.section, r.context, r.run.text])).toEqual([
      ["（1）申请情况", "上半年，全县共完成专利申请32件，其中发明专利5件。", "32件"],
      ["（1）申请情况", "上半年，全县共完成专利申请32件，其中发明专利5件。", "5件"],
      ["（1）申请情况", "专利授权16件。", "16件"],
      ["（1）申请情况", "专利申请情况表", "5"],
      ["（1）申请情况", "专利申请情况表", "2"],
      ["（1）申请情况", "专利授权趋势", "7件"],
      ["（1）申请情况", "专利授权趋势", "9件"],
    ]);
  });

  it("lists every number run with its trace, then each table as printed", async () => {
    const registry = createMetricRegistry([
      defineMetric({
        id: "patents.applications",
        label: "专利申请量",
        unit: "件",
        kind: "flow",
        description: "期间内提交的专利申请件数",
        compute: async () => 32,
      }),
    ]);
    const wb = await workbook(await renderReportXlsx(fixtureDocument(), registry));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["数字来源", "专利申请情况表"]);
    const nums = wb.getWorksheet("数字来源");
    const header = nums?.getRow(1);
    expect(header?.getCell(1).value).toBe("序号");
    expect(header?.getCell(4).value).toBe("指标编号");
    expect(header?.font?.bold).toBe(true);
    expect(nums?.getRow(2).values).toEqual([
      undefined,
      1,
      "（1）申请情况",
      "上半年，全县共完成专利申请32件，其中发明专利5件。",
      "patents.applications",
      "专利申请量",
      32,
      "件",
      "32件",
      "夹江县",
      "2026-01-01",
      "2026-06-30",
      "",
    ]);
    // Metrics the registry does not know keep their id as the label.
    expect(nums?.getRow(3).getCell(5).value).toBe("patents.applications.invention");
    expect(nums?.rowCount).toBe(8);
    expect(nums?.getRow(2).getCell(3).border?.top?.style).toBe("thin");

    const table = wb.getWorksheet("专利申请情况表");
    expect(table?.getCell("A1").value).toBe("专利申请情况表");
    expect(table?.getCell("A2").value).toBe("单位：件");
    expect(table?.getCell("A3").value).toBe("类型");
    expect(table?.getCell("A4").isMerged).toBe(true);
    expect(table?.getCell("B3").value).toBe("数量");
    expect(table?.getCell("C3").isMerged).toBe(true);
    expect([table?.getCell("B4").value, table?.getCell("C4").value]).toEqual(["申请", "授权"]);
    expect([
      table?.getCell("A5").value,
      table?.getCell("B5").value,
      table?.getCell("C5").value,
    ]).toEqual(["发明", 5, 2]);
    expect(table?.getCell("B3").font?.bold).toBe(true);
  });
});
