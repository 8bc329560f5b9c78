import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { openBrowser, pick } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

// Unique per run so that it never collides with the demo enterprises.
const stamp = String(Date.now()).slice(-8);
const name = `端到端测试科技有限公司${stamp}`;
const validCode = withCheckChar(`91511126MA${stamp.slice(0, 7)}`);
// Same body, wrong check character: only the check digit is at fault.
const invalidCode = `${validCode.slice(0, 17)}${validCode.endsWith("0") ? "1" : "0"}`;

/** YYYY-MM-DD in Asia/Shanghai, the server's and the browser's calendar. */
function isoDay(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(d);
}

// Issued three years ago plus two months: the certificate ends in about two months.
const issued = new Date();
issued.setFullYear(issued.getFullYear() - 3);
issued.setMonth(issued.getMonth() + 2);
const issuedOn = isoDay(issued);

async function shot(file: string): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${file}` });
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

describe("企业与高企培育 in the browser", () => {
  it("logs in as the editor and opens the module from the menu", async () => {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByPlaceholder("用户名").fill("keyuan");
    await page.getByPlaceholder("密码").fill(server.adminPassword);
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.getByRole("menuitem", { name: /企业与高企培育/ }).click();
    await page.waitForURL(/\/enterprises/);
    await page.getByRole("tab", { name: "企业名录" }).waitFor();
    await page.locator(".ant-table-row").first().waitFor();
    await shot("enterprises-1-list.png");
  });

  it("rejects a wrong check character on the credit code field, then saves", async () => {
    await page.getByRole("button", { name: /新\s*建/ }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByLabel("企业名称").fill(name);
    await drawer.getByLabel("统一社会信用代码").fill(invalidCode);
    await pick(
      page,
      drawer.getByLabel("乡镇（街道）"),
      page.locator(".ant-select-tree-node-content-wrapper").first(),
    );
    await drawer.getByRole("button", { name: /保\s*存/ }).click();

    // The message sits on the credit code form item, not only in a toast.
    const codeItem = drawer.locator(".ant-form-item", { has: page.getByLabel("统一社会信用代码") });
    await expect
      .poll(() => codeItem.locator(".ant-form-item-explain").textContent())
      .toContain("校验位不正确");
    // Let antd's fade-in of the message finish so the screenshot shows it legibly.
    await page.waitForTimeout(500);
    await shot("enterprises-2-invalid-code.png");

    await drawer.getByLabel("统一社会信用代码").fill(validCode);
    await drawer.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已新建企业").waitFor();
    const row = page.locator(".ant-table-row", { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain(validCode);
    await shot("enterprises-3-saved.png");
  });

  it("adds a 国家高新技术企业 certificate on the detail page", async () => {
    await page
      .locator(".ant-table-row", { hasText: name })
      .getByRole("link", { name: /详\s*情/ })
      .click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByText("资质时间线").waitFor();
    await page.getByText("暂无资质记录").waitFor();

    await page.getByRole("button", { name: "添加资质" }).click();
    const modal = page.getByRole("dialog");
    await pick(
      page,
      modal.getByLabel("资质类型"),
      page.locator(".ant-select-item-option").getByText("国家高新技术企业", { exact: true }),
    );
    await modal.getByLabel("证书（入库）编号").fill(`GR${stamp}`);
    await modal.getByLabel("发证（入库）日期").fill(issuedOn);
    await modal.getByLabel("发证（入库）日期").press("Enter");
    await modal.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已保存").waitFor();

    // Valid today, three years from the issue date: still 有效 on the timeline.
    const timeline = page.locator(".ant-timeline");
    await expect.poll(() => timeline.textContent()).toContain(`${issuedOn} 发证`);
    expect(await timeline.textContent()).toContain("国家高新技术企业");
    expect(await timeline.textContent()).toContain("有效");
    await shot("enterprises-4-certificate.png");
  });

  it("shows the enterprise in the 临期 stage of the pipeline", async () => {
    await page.goto(`${server.baseUrl}/enterprises?tab=pipeline`);
    await page.locator(".ant-card", { hasText: "临期" }).first().waitFor();
    const loaded = page.waitForResponse(
      (r) => r.url().includes("/api/enterprises/pipeline") && r.url().includes("stage="),
    );
    await page.locator(".ant-statistic", { hasText: "临期" }).click();
    await loaded;
    await page.getByText("临期阶段企业").waitFor();
    const row = page.locator(".ant-table-row", { hasText: name });
    await row.waitFor();
    expect(await row.locator(".ant-tag").first().textContent()).toBe("临期");
    await shot("enterprises-5-pipeline.png");
  });

  it("lists the certificate among those expiring within six months", async () => {
    await page.getByRole("tab", { name: "预警提醒" }).click();
    const card = page.locator(".ant-card", { hasText: "资质证书即将到期" });
    const row = card.locator(".ant-table-row", { hasText: name });
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("国家高新技术企业");
    expect(text).toContain(`GR${stamp}`);
    await shot("enterprises-6-alerts.png");
  });

  it("shows the patents linked to an enterprise on its page", async () => {
    // The demo firm with the most linked patents, as the ledger lists them.
    const res = await page.request.get(`${server.baseUrl}/api/patents?pageSize=200`);
    const items = (await res.json()).items as {
      enterpriseId: number | null;
      applicationNo: string;
    }[];
    const byFirm = new Map<number, string[]>();
    for (const p of items)
      if (p.enterpriseId)
        byFirm.set(p.enterpriseId, [...(byFirm.get(p.enterpriseId) ?? []), p.applicationNo]);
    const [firmId] = [...byFirm].sort((a, b) => b[1].length - a[1].length)[0] ?? [0];
    const mine = await (
      await page.request.get(`${server.baseUrl}/api/patents?enterpriseId=${firmId}&pageSize=200`)
    ).json();
    const total = mine.total as number;
    const numbers = (mine.items as { applicationNo: string }[]).map((p) => p.applicationNo);
    expect(total).toBeGreaterThan(0);
    await page.goto(`${server.baseUrl}/enterprises/${firmId}`);
    const card = page.locator(".ant-card", { hasText: "专利" }).filter({ hasText: "申请号" });
    await card.locator(".ant-table-row").first().waitFor();
    expect(await card.locator(".ant-card-extra").textContent()).toBe(`共 ${total} 件`);
    const shown = await card.locator(".ant-table-row td:first-child").allTextContents();
    expect(shown.length).toBe(Math.min(total, 10));
    for (const no of shown) expect(numbers).toContain(no);
    await shot("enterprises-7-patents.png");
  });
});
