import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";
import { loginPage, shot } from "./session.ts";

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

interface Figure {
  metric: string;
  value: number;
  link: string;
}

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  browser = await openBrowser();
  page = await loginPage(browser.context, server.baseUrl, "keyuan", server.adminPassword);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The figures of a widget as the dashboard shows them (same region and year). */
async function figures(widget: string): Promise<Figure[]> {
  const res = await page.request.get(`${server.baseUrl}/api/dashboard/${widget}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: { items: Figure[] } }).data.items;
}

/** Clicks a figure on the dashboard; the list it opens states the same count and its filter. */
async function followFigure(metric: string, list: string, total: RegExp, tag: RegExp) {
  const f = (await figures(metric.startsWith("tasks.") ? "tasks" : "kpis")).find(
    (x) => x.metric === metric,
  );
  if (!f) throw new Error(`no ${metric}`);
  expect(f.value, metric).toBeGreaterThan(0);
  await page.goto(server.baseUrl);
  await page.locator(`.kg-dash-figure[data-metric="${metric}"]`).first().click();
  await page.waitForURL((u) => u.pathname === list && u.searchParams.has("view"));
  const viewTag = page.locator(".kg-list-view").first();
  await viewTag.waitFor();
  expect((await viewTag.textContent()) ?? "").toMatch(tag);
  const shown = page.getByText(total).first();
  try {
    await shown.waitFor();
  } catch (err) {
    await shot(page, `dashboard-link-failed-${metric}.png`);
    throw err;
  }
  const n = Number(((await shown.textContent()) ?? "").replace(/\D/g, ""));
  expect(n, metric).toBe(f.value);
  return viewTag;
}

describe("dashboard figures open their records", () => {
  it("有效高企 opens the enterprises valid at the as-of day, with the filter shown", async () => {
    await followFigure(
      "enterprises.hte.valid",
      "/enterprises",
      /^共 \d+ 条$/,
      /^仅显示：\d{4}年有效高新技术企业（截至\d{4}年\d+月\d+日）$/,
    );
    await shot(page, "dashboard-link-hte.png");
  });

  it("立项项目 opens the projects approved this year; closing the tag shows them all", async () => {
    const tag = await followFigure(
      "projects.approvals",
      "/projects",
      /^共 \d+ 条$/,
      /^仅显示：\d{4}年1月1日至\d+月\d+日立项的项目$/,
    );
    const totalText = async () =>
      (await page
        .getByText(/^共 \d+ 条$/)
        .first()
        .textContent()) ?? "";
    const filtered = await totalText();
    await tag.locator(".anticon-close").click();
    await page.locator(".kg-list-view").waitFor({ state: "detached" });
    await expect.poll(totalText).not.toBe(filtered);
  });

  it("逾期未办结 opens the overdue tasks", async () => {
    await followFigure("tasks.overdue", "/tasks", /^共 \d+ 项$/, /^仅显示：逾期未办结的任务/);
    await shot(page, "dashboard-link-tasks.png");
  });
});
