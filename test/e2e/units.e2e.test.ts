import { mkdirSync, readFileSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, pick } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  browser = await openBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("单位管理 in the browser", () => {
  it("shows the server's message for a wrong password, then logs in", async () => {
    await page.goto(`${server.baseUrl}/system/units`);
    // Not signed in: sent to the login page, keeping where to return to.
    await page.waitForURL(/\/login\?redirect=%2Fsystem%2Funits/);

    await page.getByPlaceholder("用户名").fill("admin");
    await page.getByPlaceholder("密码").fill("not-the-password");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("用户名或密码错误");

    await page.getByPlaceholder("密码").fill(server.adminPassword);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL(/\/system\/units$/);
    await page.getByText("单位列表").waitFor();
    await page.locator(".ant-table-row").first().waitFor();
  });

  it("creates a unit and finds it again by keyword search on the server", async () => {
    const name = `端到端测试单位${Date.now()}`;
    await page.getByRole("button", { name: /新\s*建/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("单位名称").fill(name);
    await pick(
      page,
      drawer.getByLabel("单位类型"),
      page.locator(".ant-select-item-option", { hasText: "事业单位" }),
    );
    await pick(
      page,
      drawer.getByLabel("所属地区"),
      page.locator(".ant-select-tree-node-content-wrapper").first(),
    );
    await drawer.getByLabel("联系电话").fill("0833-5651234");
    await drawer.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已新建单位").waitFor();

    // The search must go to the server (q=...), not filter rows already in the browser.
    const searched = page.waitForResponse(
      (r) => r.url().includes("/api/units?") && new URL(r.url()).searchParams.get("q") === name,
    );
    await page.locator("#filter_unit_q").fill(name);
    await page.getByRole("button", { name: /查\s*询/ }).click();
    const res = await searched;
    const body = (await res.json()) as { total: number; items: { name: string }[] };
    expect(body.total).toBe(1);
    expect(body.items[0]?.name).toBe(name);

    const rows = page.locator(".ant-table-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(name);
    expect(await rows.first().textContent()).toContain("事业单位");
    await page.getByText("共 1 条").waitFor();

    mkdirSync("test-results", { recursive: true });
    await page.screenshot({ path: "test-results/units-e2e.png" });
  });

  it("exports the current search as a real xlsx", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /导\s*出/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await file.path();
    // An .xlsx is a zip: it starts with "PK".
    expect(readFileSync(path).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});
