import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { engines } from "../support/db.ts";

describe.each(engines)("report downloads on %s", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it("serves the county report as a GB/T 9704 DOCX with a Chinese file name", async () => {
    const c = await t.login("juzhang");
    const res = await c.get("/api/reports/docx?period=2026H1");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const title = "夹江县科学技术和知识产权局2026年上半年工作总结及下半年工作计划";
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(`${title}.docx`)}`,
    );
    const xml = strFromU8(
      unzipSync(new Uint8Array(res.rawPayload))["word/document.xml"] ?? new Uint8Array(),
    );
    expect(xml).toContain(title);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it("serves the statistics behind it as XLSX", async () => {
    const c = await t.login("keyuan");
    const res = await c.get("/api/reports/xlsx?period=2026H1");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toContain(encodeURIComponent("（数据表）.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("数字来源");
    expect(sheet?.rowCount).toBeGreaterThan(10);
    // Every figure is scoped to the county and the half year, except the whole-year targets
    // the plan for the second half states ("力争全年……达到").
    for (let r = 2; r <= (sheet?.rowCount ?? 0); r++) {
      const row = sheet?.getRow(r);
      expect(row?.getCell(9).value).toBe("夹江县");
      const plan = String(row?.getCell(4).value).startsWith("targets.value.");
      expect(plan ? ["2026-06-30", "2026-12-31"] : ["2026-06-30"]).toContain(
        row?.getCell(11).value,
      );
    }
  });

  it("refuses regions outside the caller's scope and anonymous callers", async () => {
    const jingyan = await t.login("jingyan");
    for (const f of ["docx", "xlsx"]) {
      const res = await jingyan.get(`/api/reports/${f}?period=2026H1&regionId=${t.demo.county.id}`);
      expect(res.statusCode).toBe(403);
    }
    expect((await t.anonymous().get("/api/reports/docx?period=2026H1")).statusCode).toBe(401);
    const bad = await jingyan.get("/api/reports/docx?period=2026X9");
    expect(bad.statusCode).toBe(400);
  });
});
