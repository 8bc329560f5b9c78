import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { fixtureDocument } from "../fixture.test-support.ts";
import { charWidth, resolveLayout } from "./layout.ts";
import { renderDocx } from "./render.ts";

async function parts(opts: Parameters<typeof renderDocx>[1] = {}): Promise<Record<string, string>> {
  const files = unzipSync(new Uint8Array(await renderDocx(fixtureDocument(), opts)));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** Top-level paragraphs of the body and the paragraphs inside tables, split apart. */
function paragraphs(xml: string): { body: string[]; table: string[] } {
  const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
  const outside = tables.reduce((s, t) => s.replace(t, ""), xml);
  const ps = (s: string) => s.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
  return { body: ps(outside), table: tables.flatMap(ps) };
}

const textOf = (p: string) =>
  (p.match(/<w:t[^>]*>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, "")).join("");

describe("GB/T 9704 DOCX", () => {
  it("derives a 22 × 28 grid from the text block", () => {
    const l = resolveLayout();
    expect(l.margin).toMatchObject({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(l.lineTwips).toBe(579);
    const blockTwips = ((297 - 37 - 35) / 25.4) * 72 * 20;
    expect(22 * l.lineTwips).toBeLessThanOrEqual(blockTwips);
    expect(23 * l.lineTwips).toBeGreaterThan(blockTwips);
    // 28 condensed 3号 characters fit 156 mm, 29 do not.
    const widthTwips = (156 / 25.4) * 72 * 20;
    expect(28 * (320 + l.condenseTwips)).toBeLessThanOrEqual(widthTwips);
    expect(29 * (320 + l.condenseTwips)).toBeGreaterThan(widthTwips);
    expect(l.charSpace).toBeLessThan(0);
    expect(resolveLayout({ marginsMm: { top: 35, bottom: 35 } }).lineTwips).toBe(584);
    expect(charWidth("2026年11月25日")).toBe(7);
  });

  it("names the East Asian font on every run and never relies on theme fonts", async () => {
    const p = await parts();
    const xmls = [p["word/document.xml"], p["word/footer1.xml"], p["word/footer2.xml"]];
    let runs = 0;
    for (const xml of xmls) {
      for (const r of xml?.match(/<w:r>[\s\S]*?<\/w:r>/g) ?? []) {
        if (!/<w:t[ >]|<w:instrText/.test(r)) continue;
        runs++;
        expect(r).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
        expect(r).not.toMatch(/Theme=/);
      }
    }
    expect(runs).toBeGreaterThan(30);
    expect(p["word/styles.xml"]).toMatch(
      /<w:rPrDefault><w:rPr><w:rFonts[^>]*w:eastAsia="仿宋_GB2312"/,
    );
  });

  it("fixes line spacing in body text but not in tables", async () => {
    const { body, table } = paragraphs((await parts())["word/document.xml"] ?? "");
    expect(body.length).toBeGreaterThan(10);
    for (const p of body) {
      if (textOf(p) === "" || textOf(p) === "单位：件") continue;
      expect(p, textOf(p)).toMatch(/<w:spacing [^>]*w:line="579" w:lineRule="exact"/);
    }
    expect(table.length).toBeGreaterThanOrEqual(9);
    for (const p of table) expect(p).not.toMatch(/lineRule="exact"/);
  });

  it("numbers headings and sets their fonts, indents body text two characters", async () => {
    const { body } = paragraphs((await parts())["word/document.xml"] ?? "");
    const find = (start: string) => body.find((p) => textOf(p).startsWith(start)) ?? "";
    expect(find("一、主要工作开展情况")).toMatch(/w:eastAsia="黑体"/);
    expect(find("（一）知识产权工作")).toMatch(/w:eastAsia="楷体_GB2312"/);
    expect(find("1.专利创造")).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(find("（1）申请情况")).toMatch(/w:eastAsia="仿宋_GB2312"/);
    const para = find("上半年，全县共完成专利申请32件");
    expect(para).toMatch(/w:firstLineChars="200"/);
    expect(para).toMatch(/<w:jc w:val="both"\/>/);
    expect(para).toMatch(/<w:sz w:val="32"\/>/);
    const title = find("夹江县科学技术和知识产权局2026年上半年工作总结");
    expect(title).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(title).toMatch(/<w:sz w:val="44"\/>/);
    expect(title).toMatch(/<w:jc w:val="center"\/>/);
    const to = find("夹江县人民政府：");
    expect(to).not.toMatch(/w:firstLine/);
    const date = find("2026年11月25日");
    expect(date).toMatch(/<w:jc w:val="right"\/>/);
    const unit = body.find((p) => textOf(p) === "夹江县科学技术和知识产权局") ?? "";
    expect(unit).toMatch(/<w:ind w:right="630"\/>/);
    // The date starts two characters right of the unit: 13 − 2 − 7 + 2 = 6 characters in.
    expect(date).toMatch(/<w:ind w:right="1890"\/>/);
    expect(body.some((p) => textOf(p) === "1.加强宣传。")).toBe(true);
  });

  it("puts 4号 宋体 page numbers right on odd pages and left on even pages", async () => {
    const p = await parts();
    expect(p["word/settings.xml"]).toContain("<w:evenAndOddHeaders/>");
    const sect = p["word/document.xml"]?.match(/<w:sectPr>[\s\S]*<\/w:sectPr>/)?.[0] ?? "";
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(sect).toMatch(/<w:docGrid w:type="lines" w:linePitch="579"/);
    const rels = p["word/_rels/document.xml.rels"] ?? "";
    const footerFile = (type: string) => {
      const id = sect.match(new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`))?.[1];
      const target = rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1];
      return p[`word/${target}`] ?? "";
    };
    const odd = footerFile("default");
    const even = footerFile("even");
    for (const f of [odd, even]) {
      expect(f).toMatch(/PAGE/);
      expect(f).toMatch(/w:eastAsia="宋体"/);
      expect(f).toMatch(/<w:sz w:val="28"\/>/);
      expect(textOf(f)).toBe("—  —");
    }
    expect(odd).toMatch(/<w:jc w:val="right"\/>/);
    expect(odd).toMatch(/<w:ind w:right="280"\/>/);
    expect(even).toMatch(/<w:jc w:val="left"\/>/);
    expect(even).toMatch(/<w:ind w:left="280"\/>/);
  });

  it("takes font names and margins from its options", async () => {
    const p = await parts({
      fonts: { body: "仿宋", heading2: "楷体" },
      marginsMm: { top: 35, bottom: 35, left: 28, right: 26 },
      gridType: "linesAndChars",
    });
    const doc = p["word/document.xml"] ?? "";
    expect(doc).toMatch(/w:eastAsia="仿宋"/);
    expect(doc).not.toMatch(/仿宋_GB2312|楷体_GB2312/);
    expect(doc).toMatch(/<w:pgMar w:top="1984"/);
    expect(doc).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="584" w:charSpace="-\d+"/);
  });
});
