import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, pick } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

const name = `端到端测试项目${String(Date.now()).slice(-8)}`;

async function shot(file: string): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${file}` });
}

const option = (label: string) =>
  page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label }).first();

/** The lifecycle card's status tag, once the page shows `status`. */
async function statusIs(status: string): Promise<void> {
  await page
    .locator(".ant-card-head .ant-tag")
    .getByText(status, { exact: true })
    .first()
    .waitFor();
}

/** 变更状态 → one step through the dialog; `extra` fills the step's own fields. */
async function step(to: string, shown: string, extra?: () => Promise<void>): Promise<void> {
  await page.getByRole("button", { name: "变更状态" }).click();
  const modal = page.locator(".ant-modal:visible");
  await pick(page, modal.getByLabel("变更为"), option(to));
  if (extra) await extra();
  await modal.getByRole("button", { name: /确\s*定|OK/ }).click();
  try {
    await statusIs(shown);
  } catch (err) {
    await shot(`projects-failed-${to}.png`);
    throw err;
  }
}

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  browser = await openBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("科技项目 in the browser", () => {
  it("creates a project from the list", async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder("用户名").fill("keyuan");
    await page.getByPlaceholder("密码").fill(server.adminPassword);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.getByRole("menuitem", { name: /科技项目与资金/ }).click();
    await page.waitForURL(/\/projects/);
    await page.locator(".ant-table-row").first().waitFor();

    await page.getByRole("button", { name: /新\s*建/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("项目名称").fill(name);
    await pick(page, drawer.getByLabel("级别"), option("县级"));
    await pick(page, drawer.getByLabel("计划类别"), option("县级重点科技计划"));
    await drawer.getByLabel("承担单位").fill("四川农业大学");
    await drawer.getByLabel("县级经费（元）").fill("100000");
    await drawer.getByLabel("申报年度").fill("2026");
    await pick(
      page,
      drawer.getByLabel("所属地区"),
      page.locator(".ant-select-tree-node-content-wrapper").first(),
    );
    await drawer.getByRole("button", { name: /保\s*存/ }).click();
    const row = page.locator(".ant-table-row", { hasText: name });
    await row.waitFor();
    await row.getByRole("link").first().click();
    await page.waitForURL(/\/projects\/\d+$/);
    await statusIs("储备");
    await shot("projects-1-created.png");
  });

  it("moves it 推荐申报 → 立项 → 实施中 → 中期检查 → 申请验收 → 通过验收", async () => {
    await step("推荐申报", "推荐申报");
    await step("立项", "立项");
    await step("实施中", "实施中");
    await step("中期检查", "中期检查", () =>
      pick(page, page.locator(".ant-modal:visible").getByLabel("检查结论"), option("完成")),
    );
    await step("申请验收", "申请验收");
    await step("登记验收", "通过验收", async () => {
      const modal = page.locator(".ant-modal:visible");
      await pick(page, modal.getByLabel("任务验收结论"), option("通过"));
      await pick(page, modal.getByLabel("财务验收结论"), option("通过"));
    });
    const steps = (await page.locator(".ant-steps").first().textContent()) ?? "";
    expect(steps).toContain("通过验收");
    await shot("projects-2-accepted.png");
  });

  it("adds a payment and shows the paid figure against the approved one", async () => {
    const paid = page.locator(".ant-descriptions-item", { hasText: "已拨付（万元）" });
    expect(await paid.locator(".ant-descriptions-item-content").textContent()).toBe("0.00");
    const card = page.locator(".ant-card", { hasText: "资金拨付" }).last();
    await card.getByRole("button", { name: /新\s*建/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("拨付日期").fill("2026-11-20");
    await drawer.getByLabel("拨付日期").press("Enter");
    await pick(page, drawer.getByLabel("类别"), option("项目经费拨付"));
    await drawer.getByLabel("金额（元）").fill("30000");
    await pick(page, drawer.getByLabel("资金来源"), option("县级"));
    await drawer.getByLabel("收款单位").fill("四川农业大学");
    await pick(
      page,
      drawer.getByLabel("所属地区"),
      page.locator(".ant-select-tree-node-content-wrapper").first(),
    );
    await drawer.getByRole("button", { name: /保\s*存/ }).click();
    await expect
      .poll(() => paid.locator(".ant-descriptions-item-content").textContent(), {
        timeout: 20_000,
      })
      .toBe("3.00");
    const fiscal = page.locator(".ant-descriptions-item", { hasText: "财政经费（万元）" });
    expect(await fiscal.textContent()).toContain("10.00");
    await expect
      .poll(() => page.locator(".ant-statistic", { hasText: "累计拨付" }).textContent(), {
        timeout: 20_000,
      })
      .toContain("3.00");
    await shot("projects-3-paid.png");
  });

  it("attaches a file to the project", async () => {
    const card = page.locator(".ant-card", { hasText: "项目附件" });
    const chooser = page.waitForEvent("filechooser");
    const uploaded = page.waitForResponse(
      (r) => r.url().includes("/api/attachments") && r.request().method() === "POST",
    );
    await card.getByRole("button", { name: "上传附件" }).click();
    await (await chooser).setFiles({
      name: "项目任务书.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 0x20)]),
    });
    const res = await uploaded;
    expect(res.status(), await res.text()).toBe(201);
    // The list refreshes itself after the upload (no reload).
    try {
      await card.getByText("项目任务书.pdf").waitFor();
    } catch (err) {
      await shot("projects-failed-attachment.png");
      throw err;
    }
    await shot("projects-4-attachment.png");
  });

  it("opens the 招商引资与合作 tab", async () => {
    await page.goto(`${server.baseUrl}/projects?tab=investments`);
    await page.getByText("招商引资与合作项目列表").waitFor();
    await page.getByRole("button", { name: /导\s*入/ }).waitFor();
    await shot("projects-5-investments.png");
  });
});
