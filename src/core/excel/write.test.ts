import { strFromU8, unzipSync } from "fflate";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { writeCsv } from "./csv-write.ts";
import { neutraliseFormula, restoreNeutralised } from "./neutralise.ts";
import { openTable } from "./open-table.ts";
import { collect, sink } from "./test-support.ts";
import { encodeXlsxText, writeXlsx } from "./xlsx-write.ts";

const dangerous = ["=1+1", "+86 571", "-2+3", "@SUM(A1:A9)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")'];
const columns = [
  { key: "text", header: "内容" },
  { key: "num", header: "数值", numFmt: "0.000" },
  { key: "day", header: "日期", width: 14 },
];
const rows = [
  ...dangerous.map((text, i) => ({ text, num: -i - 0.5, day: new Date(Date.UTC(2026, 0, i + 1)) })),
  { text: "正常文本 a=b", num: 3, day: null },
];

describe("formula-injection neutralisation", () => {
  it("prefixes a quote only for the trigger characters", () => {
    expect(dangerous.map(neutraliseFormula)).toEqual(dangerous.map((d) => `'${d}`));
    expect(neutraliseFormula("a=1")).toBe("a=1");
    expect(neutraliseFormula("")).toBe("");
    expect(neutraliseFormula("'=x")).toBe("'=x");
    expect(restoreNeutralised("'=x")).toBe("=x");
    expect(restoreNeutralised("'abc")).toBe("'abc");
  });

  it("xlsx: no formula anywhere, text neutralised, numbers and dates typed", async () => {
    const out = sink();
    await writeXlsx(out.stream, [
      { name: "导出", title: "=2026年名单", columns, rows },
      { name: "第二[表]", columns: [{ key: "text", header: "@备注" }], rows: [{ text: "-1" }] },
    ]);
    const files = unzipSync(out.buffer());
    const sheet1 = strFromU8(files["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    const sheet2 = strFromU8(files["xl/worksheets/sheet2.xml"] ?? new Uint8Array());
    const workbook = strFromU8(files["xl/workbook.xml"] ?? new Uint8Array());
    const stylesXml = strFromU8(files["xl/styles.xml"] ?? new Uint8Array());
    expect(sheet1).not.toMatch(/<f[ >]/);
    expect(sheet2).not.toMatch(/<f[ >]/);
    // title merged over the columns, header frozen below it, widths set, bold header font
    expect(sheet1).toContain('<mergeCell ref="A1:C1"/>');
    expect(sheet1).toMatch(/<pane[^>]*ySplit="2"[^>]*state="frozen"/);
    expect(sheet1).toMatch(/<col min="3" max="3" width="14"/);
    expect(stylesXml).toContain("<b/>");
    expect(stylesXml).toContain('formatCode="0.000"');
    expect(workbook).toContain('name="第二_表_"');

    const t = await openTable(
      { buffer: out.buffer() },
      {
        filename: "导出.xlsx",
        columns: [
          { key: "text", headers: ["内容"] },
          { key: "num", headers: ["数值"] },
          { key: "day", headers: ["日期"] },
        ],
      },
    );
    expect(t.headerRow).toBe(2);
    const got = await collect(t);
    expect(got.map((r) => r.values.text)).toEqual([
      ...dangerous.map((d) => `'${d}`),
      "正常文本 a=b",
    ]);
    expect(got.map((r) => r.values.num)).toEqual([...dangerous.map((_, i) => -i - 0.5), 3]);
    expect(got[0]?.values.day).toEqual(new Date(Date.UTC(2026, 0, 1)));
  });

  it("csv: UTF-8 BOM, neutralised text, RFC 4180 quoting; GB18030 option", async () => {
    const out = sink();
    await writeCsv(out.stream, { title: "名单", columns, rows });
    const text = out.buffer().toString("utf8");
    expect(text.startsWith("\uFEFF名单,,\r\n内容,数值,日期\r\n'=1+1,-0.5,2026-01-01\r\n")).toBe(
      true,
    );
    expect(text).toContain('"\'=HYPERLINK(""x"")",-6.5,2026-01-07\r\n');
    expect(text).toContain("'\t=cmd");
    expect(text).toContain('"\'\r=cmd"');
    expect(text.endsWith("正常文本 a=b,3,\r\n")).toBe(true);

    const gb = sink();
    await writeCsv(
      gb.stream,
      { columns, rows: [{ text: "中文", num: 1 }] },
      { encoding: "gb18030" },
    );
    expect(gb.buffer().equals(iconv.encode("内容,数值,日期\r\n中文,1,\r\n", "gb18030"))).toBe(true);
  });

  it("escapes control characters the way Excel does", () => {
    expect(encodeXlsxText("a\r\nb")).toBe("a_x000D_\nb");
    expect(encodeXlsxText("_x0041_")).toBe("_x005F_x0041_");
    expect(encodeXlsxText("tab\there\u0001")).toBe("tab\there_x0001_");
  });
});
