import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { openTable } from "./open-table.ts";
import { chunked, collect } from "./test-support.ts";
import type { ColumnSpec } from "./types.ts";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function contentTypes(parts: string[]): string {
  const over = parts
    .map((p) => `<Override PartName="/${p}" ContentType="application/xml"/>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${over}</Types>`;
}

const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbook(sheets: { name: string; rId: string; hidden?: boolean }[]): string {
  const list = sheets
    .map(
      (s, i) =>
        `<sheet name="${s.name}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ""} r:id="${s.rId}"/>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${RNS}><sheets>${list}</sheets></workbook>`;
}

function workbookRels(targets: Record<string, string>, extra = ""): string {
  const rels = Object.entries(targets)
    .map(
      ([id, t]) =>
        `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${t}"/>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}${extra}</Relationships>`;
}

const sheet = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS} ${RNS}><sheetData>${rows}</sheetData></worksheet>`;
const inl = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** zipSync keeps insertion order, which decides what exceljs sees first. */
function zip(files: [string, string][]): Buffer {
  return Buffer.from(zipSync(Object.fromEntries(files.map(([p, x]) => [p, strToU8(x)]))));
}

const specs: ColumnSpec[] = [
  { key: "name", headers: ["企业名称"], required: true },
  { key: "code", headers: ["统一社会信用代码"], required: true },
  { key: "amount", headers: ["研发投入"] },
  { key: "day", headers: ["认定日期"] },
  { key: "flag", headers: ["是否规上"] },
];

describe("WPS-style .xlsx", () => {
  it("reads inline strings without <dimension> and without a styles part", async () => {
    const rows = [
      `<row r="1">${inl("A1", "2026年高新技术企业名单")}</row>`,
      `<row r="3">${inl("A3", "企业名称")}${inl("B3", "统一社会信用代码")}${inl("C3", "研发投入")}${inl("E3", "是否规上")}</row>`,
      // rich inline string (two runs), a formula with cached result, a boolean
      `<row r="4"><c r="A4" t="inlineStr"><is><r><rPr><b/></rPr><t>杭州</t></r><r><t xml:space="preserve"> 科技&amp;lt;有限公司</t></r></is></c>${inl("B4", "91330110MA2XXXXX1A")}<c r="C4"><f>10*2.5</f><v>25</v></c><c r="E4" t="b"><v>1</v></c></row>`,
      // cells without r attributes, as some writers emit
      `<row r="5"><c t="inlineStr"><is><t>宁波😀公司</t></is></c><c t="inlineStr"><is><t>91330200MA2YYYYY2B</t></is></c><c><v>-3.5</v></c></row>`,
    ].join("");
    const buffer = zip([
      ["[Content_Types].xml", contentTypes(["xl/workbook.xml", "xl/worksheets/sheet1.xml"])],
      ["_rels/.rels", rootRels],
      ["xl/workbook.xml", workbook([{ name: "Sheet1", rId: "rId1" }])],
      ["xl/_rels/workbook.xml.rels", workbookRels({ rId1: "worksheets/sheet1.xml" })],
      ["xl/worksheets/sheet1.xml", sheet(rows)],
    ]);
    const t = await openTable({ buffer }, { filename: "wps导出.xlsx", columns: specs });
    expect(t.headerRow).toBe(3);
    expect(await collect(t)).toEqual([
      {
        row: 4,
        values: {
          name: "杭州 科技&lt;有限公司",
          code: "91330110MA2XXXXX1A",
          amount: 25,
          day: null,
          flag: true,
        },
      },
      {
        row: 5,
        values: {
          name: "宁波😀公司",
          code: "91330200MA2YYYYY2B",
          amount: -3.5,
          day: null,
          flag: null,
        },
      },
    ]);
  });

  it("reads shared rich-text strings, custom date formats, and the first visible sheet", async () => {
    const shared = [
      "<si><r><rPr><b/></rPr><t>企业</t></r><r><t>名称</t></r></si>", // 0
      "<si><t>统一社会信用代码</t></si>", // 1
      "<si><t>认定日期</t></si>", // 2
      "<si><t>研发投入</t></si>", // 3
      '<si><t>嘉兴_x000D_公司</t><rPh sb="0" eb="2"><t>ジャ</t></rPh><phoneticPr fontId="1"/></si>', // 4
      "<si><t>91330400MA3ZZZZZ3C</t></si>", // 5
    ];
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="6" uniqueCount="6">${shared.join("")}</sst>`;
    const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="31" applyNumberFormat="1"/><xf numFmtId="4" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const s = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
    const data = sheet(
      `<row r="1">${s("A1", 0)}${s("B1", 1)}${s("C1", 2)}${s("D1", 3)}</row>` +
        `<row r="2">${s("A2", 4)}${s("B2", 5)}<c r="C2" s="1"><v>45352</v></c><c r="D2" s="3"><v>1234.5</v></c></row>` +
        `<row r="3">${s("A3", 4)}${s("B3", 5)}<c r="C3" s="2"><v>45353.5</v></c></row>`,
    );
    const hidden = sheet(
      `<row r="1">${inl("A1", "企业名称")}${inl("B1", "统一社会信用代码")}</row>`,
    );
    // Sheets before styles and shared strings in the zip, as Excel orders them.
    const buffer = zip([
      ["[Content_Types].xml", contentTypes(["xl/workbook.xml"])],
      ["_rels/.rels", rootRels],
      [
        "xl/workbook.xml",
        workbook([
          { name: "填表说明", rId: "rId2", hidden: true },
          { name: "名单", rId: "rId1" },
        ]),
      ],
      [
        "xl/_rels/workbook.xml.rels",
        workbookRels({ rId1: "worksheets/sheet1.xml", rId2: "worksheets/sheet2.xml" }),
      ],
      ["xl/worksheets/sheet2.xml", hidden],
      ["xl/worksheets/sheet1.xml", data],
      ["xl/styles.xml", styles],
      ["xl/sharedStrings.xml", sst],
    ]);
    const dir = await mkdtemp(join(tmpdir(), "excel-test-"));
    const path = join(dir, "b.xlsx");
    await writeFile(path, buffer);
    const spoolsBefore = (await readdir(tmpdir())).filter((f) => f.startsWith("keguan-upload-"));
    const [fromBuffer, fromPath, fromStream] = await Promise.all([
      openTable({ buffer }, { filename: "b.xlsx", columns: specs }).then(collect),
      openTable({ path }, { filename: "b.xlsx", columns: specs }).then(collect),
      openTable({ stream: chunked(buffer, [5, 300]) }, { filename: "b.xlsx", columns: specs }).then(
        collect,
      ),
    ]);
    await rm(dir, { recursive: true });
    // the spooled copy of a streamed upload is gone once the rows were read
    const spoolsAfter = (await readdir(tmpdir())).filter((f) => f.startsWith("keguan-upload-"));
    expect(spoolsAfter).toEqual(spoolsBefore);
    expect(fromPath).toEqual(fromBuffer);
    expect(fromStream).toEqual(fromBuffer);
    expect(fromBuffer).toEqual([
      {
        row: 2,
        values: {
          name: "嘉兴\r公司",
          code: "91330400MA3ZZZZZ3C",
          day: new Date(Date.UTC(2024, 2, 1)),
          amount: 1234.5,
          flag: null,
        },
      },
      {
        row: 3,
        values: {
          name: "嘉兴\r公司",
          code: "91330400MA3ZZZZZ3C",
          day: new Date(Date.UTC(2024, 2, 2, 12)),
          amount: null,
          flag: null,
        },
      },
    ]);
  });
});
