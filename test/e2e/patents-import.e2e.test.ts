import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { openBrowser } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";
import { loginPage, shot } from "./session.ts";

const ROWS = 20_000;
let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;
const dir = mkdtempSync(join(tmpdir(), "kg-e2e-patents-"));

/** A 2023 utility-model list (the demo county has none from that year, so every row is new). */
function list(n: number): string {
  const lines = ["申请号,名称,申请人,申请日,法律状态"];
  for (let i = 1; i <= n; i++) {
    const no = withCheck(`20232${String(5_000_000 + i).padStart(7, "0")}`);
    lines.push(`${no},一种瓷砖施釉装置（${i}）,夹江县测试陶瓷有限公司,2023-07-01,在审`);
  }
  return lines.join("\r\n");
}

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  browser = await openBrowser();
  page = await loginPage(browser.context, server.baseUrl, "keyuan", server.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("专利清单导入 in the browser", () => {
  it("uploads a 20,000-row list, shows the progress modal, then the counts", async () => {
    const file = join(dir, "专利清单.csv");
    writeFileSync(file, list(ROWS));
    await page.goto(`${server.baseUrl}/ip`);
    await page.locator(".ant-table-row").first().waitFor();

    const started = page.waitForResponse(
      (r) => r.url().endsWith("/api/patents/import-jobs") && r.request().method() === "POST",
    );
    await page.locator(".ant-upload input[type=file]").first().setInputFiles(file);
    const progress = page.getByRole("dialog").filter({ hasText: "正在导入专利" });
    await progress.waitFor();
    expect(await progress.textContent()).toContain("专利清单.csv");
    await progress.locator(".ant-progress").waitFor();
    // On PGlite a poll waits for the import's transaction (one connection), so the modal
    // shows the upload done and a moving bar; on PostgreSQL it also counts rows.
    await progress.getByText(/文件已上传，正在导入…|已读取 [\d,]+ 行/).waitFor();
    await page.waitForTimeout(400);
    await shot(page, "patents-import-progress.png");
    expect((await started).status()).toBe(202);

    const success = page.getByRole("dialog").filter({ hasText: "导入成功" });
    await success.waitFor({ timeout: 90_000 });
    expect(await success.textContent()).toContain(
      "共 20,000 行：新增 20,000 条，更新 0 条，未变 0 条。",
    );
    await expect.poll(() => progress.count()).toBe(0);
    await shot(page, "patents-import-done.png");
    await success.getByRole("button", { name: "知道了" }).click();

    // The list was reloaded: the imported patents are there.
    await page.locator("#filter_patent_q").fill("一种瓷砖施釉装置（20000）");
    await page.getByRole("button", { name: /查\s*询/ }).click();
    await page.getByText("共 1 条").waitFor();
  });

  it("lists every bad row when the list has errors, and writes nothing", async () => {
    // Row 2 (the first data row) gets a number that is no application number at all.
    const bad = list(50).replace(/\r\n[^,]+,/, "\r\n12345,");
    const file = join(dir, "有误的清单.csv");
    writeFileSync(file, bad);
    await page.locator(".ant-upload input[type=file]").first().setInputFiles(file);
    const failure = page.getByRole("dialog").filter({ hasText: "导入专利失败" });
    await failure.waitFor({ timeout: 60_000 });
    const rows = failure.locator(".ant-table-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/^2申请号/);
    expect(await failure.textContent()).toContain("未写入任何数据");
    await failure.locator(".ant-modal-footer").getByRole("button").click();
    await expect.poll(() => failure.count()).toBe(0);
  });

  it("keeps the reason on screen when the whole list is refused", async () => {
    // 有效 without a grant date: refused as a whole (no bad cell to list by row).
    const refused = list(30).replace(/,在审$/, ",有效");
    const file = join(dir, "缺授权日的清单.csv");
    writeFileSync(file, refused);
    await page.locator(".ant-upload input[type=file]").first().setInputFiles(file);
    const dialog = page.getByRole("dialog").filter({ hasText: "导入失败" });
    await dialog.waitFor({ timeout: 60_000 });
    expect(await dialog.textContent()).toContain("没有授权公告日；未写入任何数据");
    // Still there after a toast would have gone.
    await page.waitForTimeout(3500);
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "知道了" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
