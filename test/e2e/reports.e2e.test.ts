import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

async function shot(file: string): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${file}` });
}

const block = (key: string) => page.locator(`[data-key="${key}"]`);

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  browser = await openBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("工作总结 in the browser", () => {
  it("drafts the half-year summary from the ledgers", async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder("用户名").fill("keyuan");
    await page.getByPlaceholder("密码").fill(server.adminPassword);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.getByRole("menuitem", { name: /工作总结/ }).click();
    await page.waitForURL(/\/reports/);
    await page.getByRole("button", { name: "生成工作总结" }).click();
    const modal = page.locator(".ant-modal:visible");
    await modal
      .getByText(/\d{4}年上半年/)
      .first()
      .waitFor();
    await modal.getByRole("button", { name: /生\s*成/ }).click();
    await page.waitForURL(/\/reports\/\d+/);
    await page.getByText("主要工作开展情况").waitFor();
    await expect(page.locator(".kg-report-title").textContent()).resolves.toContain(
      "上半年工作总结",
    );
  });

  it("shows where a figure comes from on hover", async () => {
    const figure = page.locator(".kg-report-num").first();
    await figure.hover();
    const tip = page.locator(".ant-tooltip:visible");
    await tip.getByText("数据来源：").waitFor();
    await expect(tip.textContent()).resolves.toMatch(/范围：夹江县/);
    await shot("reports-1-hover.png");
  });

  it("keeps a rewritten paragraph and an added one through save and regenerate", async () => {
    const target = block("contracts.summary");
    await target.hover();
    await target.getByRole("button", { name: "编辑" }).click();
    await page.getByLabel("段落内容").fill("技术合同登记工作稳步推进，服务企业成效明显。");
    await page.getByRole("button", { name: /确\s*定/ }).click();
    await expect(target.locator(".kg-report-tag").textContent()).resolves.toBe("已改写");

    await target.hover();
    await target.getByRole("button", { name: "插入段落" }).click();
    await page.getByLabel("段落内容").fill("扎实开展驻村帮扶工作。");
    await page.getByRole("button", { name: /确\s*定/ }).click();
    await page.getByText("扎实开展驻村帮扶工作。").waitFor();

    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已保存").waitFor();
    await page.getByRole("button", { name: /历史版本（第2版）/ }).waitFor();

    await page.getByRole("button", { name: /重新生成/ }).click();
    await page
      .locator(".ant-modal-confirm:visible")
      .getByRole("button", { name: "重新生成" })
      .click();
    await page.getByRole("button", { name: /历史版本（第3版）/ }).waitFor();
    await expect(target.textContent()).resolves.toContain("技术合同登记工作稳步推进");
    await page.getByText("扎实开展驻村帮扶工作。").waitFor();
    await shot("reports-2-regenerated.png");
  });

  it("downloads the Word document", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /导出 Word/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/工作总结.*\.docx$/);
  });
});
