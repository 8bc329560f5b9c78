import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, pick } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";
import { cstDay, loginPage, shot } from "./session.ts";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const year = cstDay().slice(0, 4);
const title = `科技之春端到端${String(Date.now()).slice(-6)}`;
const heldOn = `${year}-03-18`;
const photoName = "科技之春现场.png";
// A real 1×1 PNG, so the thumbnail must actually load and decode.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const MATERIALS = "资料份数（份）";
const TRAINEES = "培训人次（人次）";

const option = (label: string) =>
  page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label }).first();

/**
 * The 科技之春 row of 主题活动成效汇总 as header → cell text, read from the page. A column
 * for an output kind appears only once some activity of the year recorded it.
 */
async function springRow(): Promise<Record<string, string>> {
  await page.goto(`${server.baseUrl}/fieldwork`);
  await page.getByRole("tab", { name: "活动成效汇总" }).click();
  const card = page.locator(".ant-card", { hasText: "主题活动成效汇总" });
  const row = card.locator(".ant-table-row", { hasText: "科技之春" }).first();
  await row.waitFor();
  const headers = await card.locator(".ant-table-thead th").allTextContents();
  const cells = await row.locator("td").allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? "").trim()]));
}

const num = (s: string | undefined) => Number(s ?? 0) || 0;

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  browser = await openBrowser();
  page = await loginPage(browser.context, server.baseUrl, "keyuan", server.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("科技之春 activity in the browser", () => {
  let before: Record<string, string>;

  it("reads the campaign totals before", async () => {
    before = await springRow();
    expect(before.主题活动).toBe("科技之春");
    await shot(page, "fieldwork-1-totals-before.png");
  });

  it("records a 科技之春 activity through the form", async () => {
    await page.getByRole("tab", { name: "科普活动" }).click();
    await page.locator(".ant-table-row").first().waitFor();
    await page.getByRole("button", { name: /新\s*建/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("活动名称").fill(title);
    await pick(page, drawer.getByLabel("活动类型"), option("科普宣传"));
    await pick(page, drawer.getByLabel("主题活动"), option("科技之春"));
    await drawer.getByLabel("活动日期").fill(heldOn);
    await drawer.getByLabel("活动日期").press("Enter");
    await pick(
      page,
      drawer.getByLabel("活动地区"),
      page.locator(".ant-select-dropdown:visible .ant-select-tree-node-content-wrapper").first(),
    );
    await drawer.getByLabel("具体地点").fill("漹城街道千佛广场");
    await drawer.getByLabel("活动主题").fill("科技创新 强县富民");
    await drawer.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已新建科普活动").waitFor();
    const row = page.locator(".ant-table-row", { hasText: title });
    await row.waitFor();
    expect(await row.textContent()).toContain(heldOn);
    expect(await row.textContent()).toContain("科技之春");
  });

  it("uploads a photo and sees its thumbnail", async () => {
    await page
      .locator(".ant-table-row", { hasText: title })
      .getByRole("button", { name: "成效数据" })
      .click();
    const drawer = page.locator(".ant-drawer-content-wrapper", {
      hasText: `成效数据与照片 — ${title}`,
    });
    await drawer.getByText("照片").first().waitFor();
    await drawer.getByRole("button", { name: "上传照片" }).waitFor();

    const file = join(mkdtempSync(join(tmpdir(), "kg-e2e-photo-")), photoName);
    writeFileSync(file, PNG);
    const uploaded = page.waitForResponse(
      (r) =>
        r.url().includes("/api/attachments?ownerType=activity") && r.request().method() === "POST",
    );
    await drawer.locator('input[type="file"]').setInputFiles(file);
    expect((await uploaded).status()).toBe(201);
    rmSync(dirname(file), { recursive: true, force: true });

    const thumb = drawer.locator(".ant-image img").first();
    try {
      await thumb.waitFor({ timeout: 10_000 });
    } catch (err) {
      await shot(page, "fieldwork-failed-photo.png");
      console.log(await drawer.innerHTML());
      throw err;
    }
    // Decoded, not a broken-image box: the inline URL served the PNG's bytes.
    await expect
      .poll(() => thumb.evaluate((img) => Number(Reflect.get(img as object, "naturalWidth"))))
      .toBe(1);
    expect(await drawer.textContent()).toContain(photoName);
    await shot(page, "fieldwork-2-photo.png");
  });

  it("records outputs for the activity", async () => {
    const drawer = page.locator(".ant-drawer-content-wrapper", {
      hasText: `成效数据与照片 — ${title}`,
    });
    const add = drawer.getByRole("button", { name: "添加成效指标" });
    const kinds = drawer.locator(".ant-select", { hasText: /成效指标|（/ });
    const values = drawer.getByPlaceholder("数值");

    await add.click();
    await pick(page, kinds.nth(0), option(MATERIALS));
    await values.nth(0).fill("500");
    await add.click();
    await pick(page, kinds.nth(1), option(TRAINEES));
    await values.nth(1).fill("60");
    await shot(page, "fieldwork-3-outputs.png");
    await drawer.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("成效数据已保存").waitFor();
  });

  it("shows the new figures in the campaign totals", async () => {
    const after = await springRow();
    await shot(page, "fieldwork-4-totals-after.png");
    expect(num(after.活动场次)).toBe(num(before.活动场次) + 1);
    expect(num(after[MATERIALS])).toBe(num(before[MATERIALS]) + 500);
    expect(num(after[TRAINEES])).toBe(num(before[TRAINEES]) + 60);
  });
});
