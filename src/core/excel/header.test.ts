import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { normaliseHeader } from "./header.ts";
import { openTable } from "./open-table.ts";
import { collect } from "./test-support.ts";
import type { ColumnSpec } from "./types.ts";

const company: ColumnSpec[] = [
  { key: "name", headers: ["企业名称", "单位名称"], required: true },
  { key: "code", headers: ["统一社会信用代码", "信用代码"], required: true },
  { key: "year", headers: ["认定年度"] },
];

const csv = (text: string) => ({ buffer: Buffer.from(text, "utf8") });

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error("expected a failure");
}

describe("header detection", () => {
  it("normalises width, spaces, line breaks and required markers", () => {
    expect(normaliseHeader(" *统一社会\n信用代码（必填）")).toBe("统一社会信用代码");
    expect(normaliseHeader("ＡＢＣ：")).toBe("abc");
    expect(normaliseHeader("经费（万元）")).toBe("经费(万元)");
    expect(normaliseHeader("企业名称＊")).toBe("企业名称");
  });

  it("finds the header at row 3 under a title row and a blank row", async () => {
    const t = await openTable(
      csv(
        "2026年高新技术企业名单,,\r\n,,\r\n企业名称,统一社会信用代码,认定年度\r\n甲公司,91330000A,2026\r\n,,\r\n乙公司,91330000B,2025\r\n",
      ),
      { filename: "a.csv", columns: company },
    );
    expect(t.headerRow).toBe(3);
    expect(t.headerRows).toBe(1);
    expect(await collect(t)).toEqual([
      { row: 4, values: { name: "甲公司", code: "91330000A", year: "2026" } },
      { row: 6, values: { name: "乙公司", code: "91330000B", year: "2025" } },
    ]);
  });

  it("maps columns in any order, by alias, tolerating markers and line breaks; ignores unknown", async () => {
    const t = await openTable(
      csv('序号,"信用代码\n（必填）",备注,*单位名称\r\n1,9133X,无,丙公司\r\n'),
      { filename: "b.csv", columns: company },
    );
    expect(t.columns).toEqual([
      { key: "code", header: "信用代码\n（必填）", index: 1 },
      { key: "name", header: "*单位名称", index: 3 },
    ]);
    expect(t.ignored.map((c) => c.header)).toEqual(["序号", "备注"]);
    expect(await collect(t)).toEqual([
      { row: 2, values: { name: "丙公司", code: "9133X", year: null } },
    ]);
  });

  const funding: ColumnSpec[] = [
    { key: "project", headers: ["项目名称"], required: true },
    { key: "national", headers: ["经费（万元）/国拨", "国拨经费"], required: true },
    { key: "provincial", headers: ["省拨"], required: true },
    { key: "own", headers: ["自筹"] },
    { key: "remark", headers: ["备注"] },
  ];

  it("reads a two-row merged header (CSV: group title only over its first column)", async () => {
    const t = await openTable(
      csv(
        "项目经费表,,,,,\n序号,项目名称,经费（万元）,,,备注\n,,国拨,省拨,自筹,\n1,智能制造,10,20.5,30,无\n",
      ),
      { filename: "c.csv", columns: funding },
    );
    expect(t.headerRow).toBe(2);
    expect(t.headerRows).toBe(2);
    expect(t.columns.map((c) => c.header)).toEqual([
      "项目名称",
      "经费（万元）/国拨",
      "经费（万元）/省拨",
      "经费（万元）/自筹",
      "备注",
    ]);
    expect(await collect(t)).toEqual([
      {
        row: 4,
        values: {
          project: "智能制造",
          national: "10",
          provincial: "20.5",
          own: "30",
          remark: "无",
        },
      },
    ]);
  });

  it("reads a two-row merged header from a real .xlsx with merged cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("项目");
    ws.addRow(["2026年科技项目经费"]);
    ws.mergeCells("A1:F1");
    ws.addRow([]);
    ws.addRow(["序号", "项目名称", "经费（万元）", null, null, "备注"]);
    ws.addRow([null, null, "国拨", "省拨", "自筹", null]);
    ws.mergeCells("C3:E3");
    ws.mergeCells("A3:A4");
    ws.mergeCells("B3:B4");
    ws.mergeCells("F3:F4");
    ws.addRow([1, "新材料", 5, 6, 7.25, "—"]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const t = await openTable({ buffer }, { filename: "d.xlsx", columns: funding });
    expect([t.headerRow, t.headerRows]).toEqual([3, 2]);
    expect(await collect(t)).toEqual([
      {
        row: 5,
        values: { project: "新材料", national: 5, provincial: 6, own: 7.25, remark: "—" },
      },
    ]);
  });

  it("names the missing required columns in Chinese", async () => {
    const msg = await failure(
      openTable(csv("企业名称,认定年度\n甲,2026\n"), { filename: "e.csv", columns: company }),
    );
    expect(msg).toBe(
      "FILE_UNREADABLE: 无法读取文件：第 1 行表头缺少必填列：“统一社会信用代码”，请检查表头或使用导入模板",
    );
  });

  it("rejects two columns that map to the same field", async () => {
    const msg = await failure(
      openTable(csv("企业名称,单位名称,信用代码\n甲,乙,1\n"), {
        filename: "f.csv",
        columns: company,
      }),
    );
    expect(msg).toContain("“企业名称”、“单位名称”都对应“企业名称”");
  });

  it("reports a file without any recognisable header", async () => {
    const msg = await failure(
      openTable(csv("a,b\n1,2\n"), { filename: "g.csv", columns: company }),
    );
    expect(msg).toContain("前 20 行中没有找到表头");
    expect(msg).toContain("“企业名称”、“统一社会信用代码”");
  });
});
