import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import type { RawRow } from "./types.ts";
import { makeContext } from "./xlsx-cells.ts";
import { directEntry, unzipper, type ZipEntry } from "./xlsx-internals.ts";
import { readSharedStrings } from "./xlsx-parts.ts";
import { readXlsxRows, sheetRows } from "./xlsx-read.ts";
import { saxesSharedStrings, saxesSheetRows } from "./xlsx-saxes.ts";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS = `xmlns="${MAIN}"`;
const ctx = makeContext(["企业名称", "乙&丙", "甲公司"], false, {
  xfNumFmt: [0, 14, 176],
  codes: new Map([[176, 'yyyy"年"m"月"d"日"']]),
});

/** A sheet using everything the reader handles, written the ways generators write it. */
const FULL = [
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>`,
  `<!-- 生成器 --><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>`,
  `<row r="1" spans="1:5"><c r="A1" t="s"><v>2</v></c><c r="B1" t="s"><v>1</v></c>`,
  `<c r="C1" t="inlineStr"><is><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本 </t></r>`,
  `<rPh sb="0" eb="1"><t>フ</t></rPh></is></c></row>`,
  `<row r="2"><c r="A2" t="str"><v>中&amp;文&lt;&#x4e2d;&#20013;&#x1F600;_x000D_&quot;&apos;&gt;</v></c>`,
  `<c r="B2" s="1"><v>45352</v></c><c r="C2" s="2"><v>45353.5</v></c><c r="D2"><v>-3.5</v></c>`,
  `<c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#DIV/0!</v></c><c r="G2" t="d"><v>2024-03-01T08:00:00</v></c></row>`,
  `<row r="3"/><row r="4"><c r="A4"/><c r="B4" t="s"><v/></c><c r="C4"></c></row>`,
  `<row><c t="str"><v>无行号</v></c><c><v>7</v></c><c r="E5" t='str'><v>单引号</v></c></row>`,
  `<row   r = "8"  ><c\n r="B8"   t="str"   ><v>空白&#10;换行</v\n></c>`,
  `<c r="C8" t="inlineStr"><is><t>a<![CDATA[被丢弃]]>b<!-- 注 --><?pi x?>c</t></is></c>`,
  `<c r="D8" t="str"><v>x\r\ny\rz</v></c><c r="E8" t="str" s="1"><v>20</v></c></row>`,
  `<row r="9"><c r="AB9" t="inlineStr"><is><t>😀𠀀_x005F_x0041_</t></is></c></row>`,
  `</sheetData><pageMargins left="0.7" right="0.7"/></worksheet>\n`,
].join("");

const SST = [
  `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="4" uniqueCount="4">`,
  `<si><t>企业名称</t></si><si><r><rPr><b/></rPr><t>乙&amp;</t></r><r><t xml:space="preserve">丙 </t></r></si>`,
  `<si><t>嘉兴_x000D_公司</t><rPh sb="0" eb="2"><t>ジャ</t></rPh><phoneticPr fontId="1"/></si>`,
  `<si><t/></si><si><t>&#x1F680;&lt;</t></si></sst>`,
].join("");

function entry(parts: (string | Buffer)[]): ZipEntry {
  return { path: "x.xml", type: "File", uncompressedSize: 0, stream: () => Readable.from(parts) };
}

async function bytesOf(e: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of e.stream()) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
}

interface Outcome {
  rows: RawRow[];
  failed: boolean;
}
async function outcome(gen: AsyncIterable<RawRow | RawRow[]>): Promise<Outcome> {
  const rows: RawRow[] = [];
  try {
    for await (const r of gen) rows.push(...(Array.isArray(r) ? r : [r]));
    return { rows, failed: false };
  } catch {
    return { rows, failed: true };
  }
}
const scanned = (parts: (string | Buffer)[]) => outcome(sheetRows(entry(parts), ctx, { bytes: 0 }));
const reference = (parts: (string | Buffer)[]) =>
  outcome(saxesSheetRows(Readable.from(parts), ctx));

/** Every split of `xml`'s bytes into two chunks. */
function* splits(xml: string): Generator<Buffer[]> {
  const bytes = Buffer.from(xml);
  for (let i = 0; i <= bytes.length; i++) yield [bytes.subarray(0, i), bytes.subarray(i)];
}

describe("worksheet scanner", () => {
  it("reads every cell type the way the saxes reader did", async () => {
    const got = await scanned([FULL]);
    expect(got).toEqual(await reference([FULL]));
    expect(got.failed).toBe(false);
    expect(got.rows.map((r) => r.row)).toEqual([1, 2, 5, 8, 9]);
    const [r1, r2, r5, r8, r9] = got.rows.map((r) => r.cells);
    expect(r1).toEqual(["甲公司", "乙&丙", "富 文本 "]);
    expect(r2).toEqual([
      "中&文<中中😀\r\"'>",
      new Date(Date.UTC(2024, 2, 1)),
      new Date(Date.UTC(2024, 2, 2, 12)),
      -3.5,
      false,
      "#DIV/0!",
      new Date(Date.UTC(2024, 2, 1, 8)),
    ]);
    expect(r5).toEqual(["无行号", 7, undefined, undefined, "单引号"]);
    expect(r8).toEqual([undefined, "空白\n换行", "abc", "x\ny\nz", "20"]);
    expect(r9?.[27]).toBe("😀𠀀_x0041_");
  });

  it("gives identical rows whatever byte the chunks are split at", async () => {
    const expected = await reference([FULL]);
    for (const parts of splits(FULL)) expect(await scanned(parts)).toEqual(expected);
  });

  it("survives one-byte chunks (entities, tags and UTF-8 characters all split)", async () => {
    const bytes = Buffer.from(FULL);
    const parts = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(await scanned(parts)).toEqual(await reference([FULL]));
    const entity = [
      `<worksheet ${NS}><sheetData><row><c t="str"><v>a&a`,
      "mp;b&#x",
      "4e2d;</v></c></row></sheetData></worksheet>",
    ];
    expect((await scanned(entity)).rows).toEqual([{ row: 1, cells: ["a&b中"] }]);
  });

  it("reads prefixed element names the root binds to SpreadsheetML (saxes read none)", async () => {
    const prefixed = FULL.replace(/<(\/?)(?=[a-zA-Z])(?!\?)/g, "<$1x:").replace(
      `<x:worksheet ${NS}>`,
      `<x:worksheet xmlns:x="${MAIN}">`,
    );
    expect(prefixed).toContain('<x:row r="1"');
    expect((await reference([prefixed])).rows).toEqual([]);
    expect(await scanned([prefixed])).toEqual(await reference([FULL]));
    // A prefix bound to another namespace is not SpreadsheetML: ignored, as before.
    const other = `<x:worksheet xmlns:x="urn:other"><x:sheetData><x:row><x:c t="str"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(await scanned([other])).toEqual({ rows: [], failed: false });
  });

  it("fails where saxes failed, truncated at any byte", async () => {
    const small = `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="str"><v>甲&amp;</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`;
    const bytes = Buffer.from(small);
    for (let i = 0; i < bytes.length; i++) {
      const cut = [bytes.subarray(0, i)];
      const got = await scanned(cut);
      expect(got).toEqual(await reference(cut));
      expect(got.failed).toBe(true);
    }
  });

  it("fails on malformed XML like saxes did", async () => {
    const doc = (body: string) => `<worksheet ${NS}><sheetData>${body}</sheetData></worksheet>`;
    const bad = [
      doc(`<row><c t="str"><v>1</c></row>`), // unbalanced
      doc(`<row><c t="str"><v>1</v></c></row></row>`),
      doc(`<row><c t="str"><v>&nbsp;</v></c></row>`), // undefined entity
      doc(`<row><c t="str"><v>a & b</v></c></row>`),
      doc(`<row><c t="str"><v>&#0;&#X41;</v></c></row>`),
      doc(`<row><c t="str"><v>]]></v></c></row>`),
      doc(`<row><c t="str"><v>\u0001</v></c></row>`),
      doc(`<row><c r=A1><v>1</v></c></row>`),
      doc(`<row><c r="A1" r="B1"><v>1</v></c></row>`),
      doc(`<row><c r="<"><v>1</v></c></row>`),
      doc(`<row><c r="A1"t="n"><v>1</v></c></row>`),
      doc(`< row></row>`),
      `x${doc("")}`,
      `${doc("")}<worksheet/>`,
      "",
      "   ",
    ];
    for (const xml of bad) {
      const ref = await reference([xml]);
      expect(ref.failed, xml).toBe(true);
      expect(await scanned([xml]), xml).toEqual(ref);
    }
  });

  it("ends a malformed sheet inside a valid zip in the corrupt-file error", async () => {
    const zip = (sheet: string) =>
      Buffer.from(zipSync({ "xl/worksheets/sheet1.xml": strToU8(sheet) }));
    const ok = `<worksheet ${NS}><sheetData><row r="3"><c t="str"><v>甲</v></c></row></sheetData></worksheet>`;
    const rows: RawRow[] = [];
    for await (const batch of readXlsxRows({ buffer: zip(ok) }, { maxSharedStringChars: 1e6 })) {
      rows.push(...batch);
    }
    expect(rows).toEqual([{ row: 3, cells: ["甲"] }]);
    for (const broken of [ok.slice(0, -12), ok.replace("</v>", "</t>")]) {
      let error = "";
      try {
        for await (const _ of readXlsxRows(
          { buffer: zip(broken) },
          { maxSharedStringChars: 1e6 },
        )) {
          // drain
        }
      } catch (e) {
        error = isAppError(e) ? `${e.code}: ${e.message}` : String(e);
      }
      expect(error).toMatch(/^FILE_UNREADABLE: .*已损坏/);
    }
  });
});

describe("prefixed parts", () => {
  it("reads a workbook written entirely with x: prefixes, date styles included", async () => {
    const X = `xmlns:x="${MAIN}"`;
    const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const buffer = Buffer.from(
      zipSync({
        "xl/workbook.xml": strToU8(
          `<x:workbook ${X} ${R}><x:sheets><x:sheet name="隐" sheetId="1" state="hidden" r:id="rId2"/><x:sheet name="表" sheetId="2" r:id="rId1"/></x:sheets></x:workbook>`,
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/b.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/a.xml"/></Relationships>`,
        ),
        "xl/styles.xml": strToU8(
          `<x:styleSheet ${X}><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>`,
        ),
        "xl/worksheets/a.xml": strToU8(`<x:worksheet ${X}><x:sheetData/></x:worksheet>`),
        "xl/worksheets/b.xml": strToU8(
          `<x:worksheet ${X}><x:sheetData><x:row r="2"><x:c r="B2" s="1"><x:v>45352</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
        ),
      }),
    );
    const rows: RawRow[] = [];
    for await (const batch of readXlsxRows({ buffer }, { maxSharedStringChars: 1e6 }))
      rows.push(...batch);
    expect(rows).toEqual([{ row: 2, cells: [undefined, new Date(Date.UTC(2024, 2, 1))] }]);
  });
});

describe("zip entries inflated directly", () => {
  it("reads stored and deflated parts, from a buffer and from a file, alike", async () => {
    const files = {
      "xl/worksheets/sheet1.xml": strToU8(FULL.replace('t="s"><v>2<', 't="s"><v>4<')),
      "xl/sharedStrings.xml": strToU8(SST),
    };
    const dir = await mkdtemp(join(tmpdir(), "keguan-scan-"));
    try {
      const seen: RawRow[][] = [];
      for (const level of [0, 6] as const) {
        const buffer = Buffer.from(zipSync(files, { level }));
        const path = join(dir, `l${level}.xlsx`);
        await writeFile(path, buffer);
        const entry = (await unzipper().Open.buffer(buffer)).files.find((f) =>
          f.path.includes("sheet"),
        );
        if (!entry) throw new Error("no sheet entry");
        for (const src of [{ buffer }, { path }]) {
          const direct = await directEntry(entry, src);
          expect(direct).not.toBe(entry);
          expect(await bytesOf(direct)).toEqual(await bytesOf(entry));
        }
        for (const zip of [{ buffer }, { path }]) {
          const rows: RawRow[] = [];
          for await (const batch of readXlsxRows(zip, { maxSharedStringChars: 1e6 }))
            rows.push(...batch);
          seen.push(rows);
        }
      }
      expect(seen[0]?.[0]?.cells[0]).toBe("🚀<");
      expect(seen[0]?.length).toBe(5);
      for (const rows of seen) expect(rows).toEqual(seen[0]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("shared strings scanner", () => {
  it("joins runs, drops phonetic guides and decodes, at every chunk split", async () => {
    const expected = await saxesSharedStrings(Readable.from([SST]), 1e6);
    expect(expected).toEqual(["企业名称", "乙&丙 ", "嘉兴\r公司", "", "🚀<"]);
    for (const parts of splits(SST)) {
      expect(await readSharedStrings(entry(parts), 1e6)).toEqual(expected);
    }
  });

  it("keeps the size limit", async () => {
    expect(await readSharedStrings(entry([SST]), 22)).toHaveLength(5);
    const err = await readSharedStrings(entry([SST]), 21).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("FILE_UNREADABLE");
  });

  it("fails on a truncated table", async () => {
    await expect(readSharedStrings(entry([SST.slice(0, -10)]), 1e6)).rejects.toThrow();
  });
});
