import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "keguan-report-cli-"));

function keguan(args: string[]) {
  const r = spawnSync(process.execPath, [join(process.cwd(), "bin/keguan.mjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      KEGUAN_DATA_DIR: join(dir, "data"),
      KEGUAN_ADMIN_PASSWORD: "Cli@2026test",
    },
    timeout: 180_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const documentXml = (file: string) =>
  strFromU8(unzipSync(new Uint8Array(readFileSync(file)))["word/document.xml"] ?? new Uint8Array());

describe("keguan report", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the home county's report as DOCX, XLSX or HTML, or another region's", {
    timeout: 300_000,
  }, () => {
    expect(keguan(["seed-demo"]).code).toBe(0);

    const docx = keguan(["report", "--period", "2026H1"]);
    expect(docx.out).toContain("已生成 夹江县2026年上半年报告：");
    const title = "夹江县科学技术和知识产权局2026年上半年工作总结及下半年工作计划";
    expect(documentXml(join(dir, `${title}.docx`))).toContain(title);

    expect(keguan(["report", "--period", "2026H1", "--format", "xlsx"]).code).toBe(0);
    expect(existsSync(join(dir, `${title}（数据表）.xlsx`))).toBe(true);

    const html = join(dir, "井研.html");
    expect(keguan(["report", "--region", "511124", "--period", "2026Q1", "--out", html]).code).toBe(
      0,
    );
    expect(readFileSync(html, "utf8")).toContain(
      "井研县科学技术和知识产权局2026年第一季度工作总结",
    );

    // Without --period: this year to date.
    const ytd = keguan(["report", "--out", join(dir, "ytd.docx")]);
    expect(ytd.out).toMatch(
      /已生成 夹江县\d{4}年1月1日至\d+月\d+日报告|已生成 夹江县\d{4}年1月报告/,
    );

    const bad = keguan(["report", "--format", "pdf"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("格式只能是 docx、xlsx、html 或 txt");
    expect(keguan(["report", "--region", "999999"]).out).toContain("地区 999999不存在");
  });
});
