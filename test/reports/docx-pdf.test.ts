import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/core/db/index.ts";
import { type DemoResult, seedDemo } from "../../src/core/demo/seed.ts";
import { parsePeriod } from "../../src/core/metrics/period.ts";
import { composeReport } from "../../src/core/report/composer.ts";
import type { ReportDocument } from "../../src/core/report/model.ts";
import { verifyNumberRuns } from "../../src/core/report/verify.ts";
import { renderDocx } from "../../src/reports/docx/render.ts";
import { fixtureDocument } from "../../src/reports/fixture.test-support.ts";
import { homeRegion, yearToDate } from "../../src/reports/generate.ts";
import { buildMetricRegistry, reportContributors } from "../../src/server/registry.ts";
import { engines, freshDatabase } from "../support/db.ts";
import { docxToPdf, lineCount, MM, type PdfWord, type RenderedPdf } from "./pdf.ts";

const TEXT_BOTTOM = (297 - 35) * MM;

/** Right edge of a word, leaving out a line-end punctuation mark that hangs in the margin. */
const inkRight = (w: PdfWord): number => (/[，。、；：！？]$/.test(w.text) ? w.xMax - 16 : w.xMax);

describe.each(engines)(
  "GB/T 9704 DOCX of the demo county, printed by LibreOffice (%s)",
  (engine) => {
    let handle: DatabaseHandle;
    let demo: DemoResult;
    let doc: ReportDocument;
    let out: RenderedPdf;
    const registry = buildMetricRegistry();

    beforeAll(async () => {
      handle = await freshDatabase(engine);
      demo = await seedDemo(handle.db, { password: "Test@2026demo" });
      doc = await composeReport({
        db: handle.db,
        registry,
        contributors: reportContributors,
        region: demo.county,
        period: parsePeriod("2026H1"),
        date: "2026-11-25",
      });
      // A table after the demo text, so tables are printed too.
      const table = fixtureDocument().blocks.find((b) => b.type === "table");
      const printed: ReportDocument = {
        ...doc,
        blocks: table ? [...doc.blocks, table] : doc.blocks,
      };
      out = await docxToPdf(await renderDocx(printed));
    });
    afterAll(async () => {
      await out?.cleanup();
      await handle?.close();
    });

    const body = (page: number): PdfWord[] =>
      out.words.filter((w) => w.page === page && w.yMax < TEXT_BOTTOM + 2);
    const footer = (page: number): PdfWord[] =>
      out.words.filter((w) => w.page === page && w.yMin > TEXT_BOTTOM);

    it("composes the demo county report from traced figures and finds the home county", async () => {
      expect((await homeRegion(handle.db)).id).toBe(demo.county.id);
      expect(yearToDate("2026-11-25")).toMatchObject({ from: "2026-01-01", to: "2026-11-25" });
      const check = await verifyNumberRuns(handle.db, doc, registry);
      expect(check.checked).toBeGreaterThan(10);
      expect(check.mismatches).toEqual([]);
    });

    it("prints A4 pages with the title, odd/even page numbers and the signature", () => {
      expect(out.info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      expect(out.pages.length).toBeGreaterThanOrEqual(2);
      const flat = (s: string) => s.replace(/\s+/g, "");
      expect(flat(out.pages[0] ?? "")).toContain(doc.title);
      expect(flat(out.pages[0] ?? "")).toContain("夹江县人民政府：");
      out.pages.forEach((text, i) => {
        expect(text, `page ${i + 1}`).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`));
      });
      const all = flat(out.pages.join(""));
      expect(all).toContain("2026年11月25日");
      expect(all).toContain("专利申请情况表");
      // Odd numbers sit one 4号 character in from the right edge, even ones from the left.
      const right = (210 - 26) * MM;
      const left = 28 * MM;
      const odd = Math.max(...footer(1).map((w) => w.xMax));
      const even = Math.min(...footer(2).map((w) => w.xMin));
      expect(Math.abs(odd - (right - 14))).toBeLessThan(4);
      expect(Math.abs(even - (left + 14))).toBeLessThan(4);
    });

    it("keeps text inside the 156 × 225 mm block, 22 lines a page at most", () => {
      for (let page = 1; page <= out.pages.length; page++) {
        const words = body(page);
        // Tables are set smaller than body text (and may hold more rows): count text lines.
        const text = words.filter((w) => w.yMax - w.yMin >= 18);
        expect(lineCount(text), `page ${page}`).toBeLessThanOrEqual(22);
        expect(Math.min(...words.map((w) => w.xMin)) / MM).toBeGreaterThan(28 - 2);
        expect(Math.max(...words.map(inkRight)) / MM).toBeLessThan(210 - 26 + 1);
        expect(Math.min(...words.map((w) => w.yMin)) / MM).toBeGreaterThan(37 - 2);
      }
      // Pages between the first and the last hold body text only: 22 full lines each, flush
      // with the 28 mm left margin and the right edge of the block.
      expect(out.pages.length).toBeGreaterThanOrEqual(3);
      for (let page = 2; page < out.pages.length; page++) {
        if ((out.pages[page - 1] ?? "").includes("情况表")) continue;
        const full = body(page);
        expect(lineCount(full), `page ${page}`).toBe(22);
        expect(Math.abs(Math.min(...full.map((w) => w.xMin)) / MM - 28)).toBeLessThan(2);
        expect(Math.abs(Math.max(...full.map(inkRight)) / MM - 184)).toBeLessThan(2);
      }
    });

    it("fits 28 characters on a full line", () => {
      // The longest line of page 2 by characters (CJK 1, ASCII ½) is 27–28 characters wide.
      const widths = (out.pages[1] ?? "")
        .split("\n")
        .map((l) =>
          [...l.trim().replace(/\s+/g, "")].reduce(
            (n, ch) => n + ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.5 : 1),
            0,
          ),
        );
      expect(Math.max(...widths)).toBeGreaterThanOrEqual(27);
      expect(Math.max(...widths)).toBeLessThanOrEqual(28.5);
    });
  },
);
