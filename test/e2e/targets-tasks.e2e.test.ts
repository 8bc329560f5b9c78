import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withCheck } from "../../src/modules/patents/application-no.ts";
import { openBrowser, pick } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";
import { csrfHeaders, cstDay, loginPage, shot } from "./session.ts";

type Browser = { context: BrowserContext; close: () => Promise<void> };
let server: RunningServer;
let bureauBrowser: Browser;
let unitBrowser: Browser;
let keyuan: Page;

const stamp = String(Date.now()).slice(-6);
const INDICATOR = "发明专利授权量";
const taskTitle = `端到端督办任务${stamp}`;

const optionOn = (page: Page, label: string) =>
  page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label }).first();

/** The 目标任务 row of the indicator as header → cell text. */
async function targetRow(page: Page): Promise<Record<string, string>> {
  const row = page.locator(".ant-table-row", { hasText: INDICATOR }).first();
  await row.waitFor();
  const headers = await page.locator(".ant-table-thead th").allTextContents();
  const cells = await row.locator("td").allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h.trim(), (cells[i] ?? "").trim()]));
}

/** "12件" → 12 */
const count = (s: string | undefined) => Number((s ?? "").replace(/件$/, ""));

async function openTargets(page: Page): Promise<void> {
  const loaded = page.waitForResponse((r) => r.url().includes("/api/targets/progress"));
  await page.goto(`${server.baseUrl}/targets`);
  await loaded;
  await page.locator(".ant-table-row").first().waitFor();
}

/** antd puts a space between the two characters of a two-character button label. */
const btn = (label: string) => new RegExp(`^${[...label].join("\\s*")}$`);

/** Clicks and waits for the API answer the click causes; returns its status. */
async function clickFor(
  page: Page,
  target: ReturnType<Page["locator"]>,
  matches: (url: string, method: string) => boolean,
): Promise<number> {
  const [res] = await Promise.all([
    page.waitForResponse((r) => matches(r.url(), r.request().method())),
    target.click(),
  ]);
  return res.status();
}

/** Fills an antd DatePicker the way a user types a date, then confirms it. */
async function typeDate(page: Page, label: string, iso: string): Promise<void> {
  const input = page.locator(".ant-modal:visible").getByLabel(label);
  await input.click();
  await input.fill(iso);
  await input.press("Enter");
}

/** Opens the task's drawer from the 督查督办 list. */
async function openTask(page: Page): Promise<ReturnType<Page["locator"]>> {
  await page.goto(`${server.baseUrl}/tasks`);
  await page.getByRole("link", { name: taskTitle }).or(page.getByText(taskTitle)).first().click();
  const drawer = page.locator(".ant-drawer-content-wrapper", { hasText: taskTitle });
  await drawer.getByText("办理记录").waitFor();
  return drawer;
}

/** Presses an action button in the drawer and confirms its dialog (OK is labelled alike). */
async function act(
  page: Page,
  drawer: ReturnType<Page["locator"]>,
  label: string,
  fill?: (modal: ReturnType<Page["locator"]>) => Promise<void>,
): Promise<void> {
  await drawer.getByRole("button", { name: btn(label) }).click();
  const modal = page.locator(".ant-modal:visible", { hasText: `${label}：${taskTitle}` });
  await modal.waitFor();
  if (fill) await fill(modal);
  const ok = modal.locator(".ant-modal-footer").getByRole("button", { name: btn(label) });
  expect(await clickFor(page, ok, (url) => url.includes("/actions/"))).toBe(200);
  await modal.waitFor({ state: "hidden" });
}

beforeAll(async () => {
  server = await startServer({ template: inject("keguanE2eTemplate") });
  bureauBrowser = await openBrowser();
  keyuan = await loginPage(bureauBrowser.context, server.baseUrl, "keyuan", server.adminPassword);
});

afterAll(async () => {
  await unitBrowser?.close();
  await bureauBrowser?.close();
  await server?.stop();
});

describe("目标任务: a target's light follows the live actual", () => {
  let actual = 0;
  let target = 0;

  it("sets a target so far ahead that the light is 滞后", async () => {
    await openTargets(keyuan);
    // The demo sets no 发明专利授权量 target this year; its actual is what the ledger holds.
    expect(await keyuan.locator(".ant-table-row", { hasText: INDICATOR }).count()).toBe(0);
    await keyuan.getByRole("button", { name: "新增目标" }).click();
    const modal = keyuan.locator(".ant-modal:visible", { hasText: "新增目标" });
    await pick(keyuan, modal.getByLabel("指标"), optionOn(keyuan, `${INDICATOR}（件）`));
    // Far beyond the demo's few grants: no forecast reaches it in the year's last month.
    target = 40;
    await modal.getByLabel("全年目标值").fill(String(target));
    const save = modal.getByRole("button", { name: btn("保存") });
    const status = await clickFor(
      keyuan,
      save,
      (url, method) => url.endsWith("/api/targets") && method === "POST",
    );
    expect(status).toBe(200);
    await keyuan.getByText("目标已保存").waitFor();

    const row = await targetRow(keyuan);
    actual = count(row.完成);
    expect(count(row.全年目标)).toBe(target);
    expect(actual).toBeLessThan(target / 2);
    expect(row.状态).toContain("滞后");
    await shot(keyuan, "targets-1-behind.png");
  });

  it("turns 达标 once enough patents granted today are recorded", async () => {
    const progress = (await (
      await keyuan.request.get(
        `${server.baseUrl}/api/targets/progress?year=${cstDay().slice(0, 4)}`,
      )
    ).json()) as { rows: { indicatorName: string; regionId: number }[] };
    const regionId = progress.rows.find((r) => r.indicatorName === INDICATOR)?.regionId;
    expect(regionId).toBeGreaterThan(0);
    const headers = await csrfHeaders(bureauBrowser.context);
    const today = cstDay();
    const year = Number(today.slice(0, 4)) - 1;
    for (let i = 0; i < target - actual; i++) {
      // 发明 (type digit 1) filed last year, serials unlikely to clash with the demo's.
      const applicationNo = withCheck(`${year}1${String(9_000_000 + i)}`);
      const res = await keyuan.request.post(`${server.baseUrl}/api/patents`, {
        headers,
        data: {
          applicationNo,
          title: `一种端到端测试装置（${i + 1}）`,
          applicants: "夹江县某科技有限公司",
          filedOn: `${year}-03-01`,
          grantedOn: today,
          legalStatus: "有效",
          regionId,
        },
      });
      expect(res.status(), await res.text()).toBe(200);
    }

    await openTargets(keyuan);
    const row = await targetRow(keyuan);
    expect(count(row.完成)).toBe(target);
    expect(row.状态).toContain("达标");
    await shot(keyuan, "targets-2-reached.png");
  });
});

describe("督查督办: a task handed to 县科协, done late", () => {
  let kexie: Page;

  it("hands a task to 县科协 (kexie's unit) with a deadline already past", async () => {
    await keyuan.goto(`${server.baseUrl}/tasks`);
    await keyuan.getByRole("button", { name: "交办任务" }).click();
    const modal = keyuan.locator(".ant-modal:visible", { hasText: "交办任务" });
    await modal.getByLabel("任务名称").fill(taskTitle);
    await pick(keyuan, modal.getByLabel("牵头单位"), optionOn(keyuan, "县科协"));
    await typeDate(keyuan, "交办日期", cstDay(-20));
    await modal.getByText("指定日期").click();
    await typeDate(keyuan, "完成时限", cstDay(-5));
    await modal.getByLabel("任务内容").fill("组织全县科普志愿者开展科普进社区活动并报送总结");
    const submit = modal.locator(".ant-modal-footer").getByRole("button", { name: btn("交办") });
    const status = await clickFor(
      keyuan,
      submit,
      (url, method) => url.endsWith("/api/tasks") && method === "POST",
    );
    expect(status).toBe(200);
    await keyuan.getByText("任务已交办").waitFor();
    const row = keyuan.locator(".ant-table-row", { hasText: taskTitle });
    await row.waitFor();
    expect(await row.textContent()).toContain("待签收");
    expect(await row.textContent()).toContain(cstDay(-5));
    expect(await row.textContent()).toContain("已逾期");
    await shot(keyuan, "tasks-1-assigned.png");
  });

  it("the bureau moves the deadline in the edit dialog", async () => {
    const drawer = await openTask(keyuan);
    await drawer.getByRole("button", { name: btn("编辑") }).click();
    const modal = keyuan.locator(".ant-modal:visible", { hasText: "修改任务" });
    await modal.waitFor();
    expect(await modal.getByLabel("任务名称").inputValue()).toBe(taskTitle);
    await typeDate(keyuan, "完成时限", cstDay(-3));
    const save = modal.locator(".ant-modal-footer").getByRole("button", { name: btn("保存") });
    const status = await clickFor(
      keyuan,
      save,
      (url, method) => /\/api\/tasks\/\d+$/.test(url) && method === "PUT",
    );
    expect(status).toBe(200);
    await modal.waitFor({ state: "hidden" });
    await drawer.getByText(`完成时限由`).waitFor();
    expect(await drawer.textContent()).toContain(cstDay(-3));
    await shot(keyuan, "tasks-1b-edited.png");
    await keyuan.keyboard.press("Escape");
    const row = keyuan.locator(".ant-table-row", { hasText: taskTitle });
    await expect.poll(() => row.textContent()).toContain(cstDay(-3));
  });

  it("opens the list filtered from the URL, as dashboard links do", async () => {
    const listed = (query: string) => {
      const res = keyuan.waitForResponse((r) => r.url().includes("/api/tasks?"));
      return keyuan.goto(`${server.baseUrl}/tasks?${query}`).then(() => res);
    };
    const red = await listed(
      `light=${encodeURIComponent("红")}&q=${encodeURIComponent(taskTitle)}`,
    );
    expect(new URL(red.url()).searchParams.get("light")).toBe("red");
    await keyuan.locator(".ant-table-row", { hasText: taskTitle }).waitFor();
    expect(await keyuan.locator(".ant-select-selection-item", { hasText: "逾期" }).count()).toBe(1);
    await shot(keyuan, "tasks-1c-url-filter.png");
    await listed(`light=green&q=${encodeURIComponent(taskTitle)}`);
    await keyuan.locator(".ant-table-placeholder").waitFor();
    expect(await keyuan.locator(".ant-table-row", { hasText: taskTitle }).count()).toBe(0);
  });

  it("科协 signs for it, reports progress and asks to close it", async () => {
    unitBrowser = await openBrowser();
    kexie = await loginPage(unitBrowser.context, server.baseUrl, "kexie", server.adminPassword);
    const drawer = await openTask(kexie);
    await act(kexie, drawer, "签收");
    await drawer.locator(".ant-tag", { hasText: "办理中" }).first().waitFor();

    await drawer
      .getByPlaceholder("本阶段工作进展")
      .fill("已在漹城街道、黄土镇开展科普进社区活动3场");
    await drawer.getByPlaceholder("进度").fill("80");
    await drawer.getByRole("button", { name: "报送进展" }).click();
    await kexie.getByText("进展已报送").waitFor();
    const list = drawer.locator(".ant-list", { hasText: "已在漹城街道" });
    await list.waitFor();
    expect(await list.textContent()).toContain("80%");
    await shot(kexie, "tasks-2-progress.png");

    await act(kexie, drawer, "申请办结", async (modal) => {
      await modal
        .getByLabel("办结报告")
        .fill("共开展科普进社区活动5场，发放资料2000份，任务完成。");
    });
    await drawer.locator(".ant-tag", { hasText: "申请办结" }).first().waitFor();
  });

  it("the bureau confirms it and the outcome is 逾期办结", async () => {
    const drawer = await openTask(keyuan);
    await act(keyuan, drawer, "确认办结", async (modal) => {
      expect(await modal.textContent()).toContain("将记为逾期办结");
    });
    await drawer.locator(".ant-drawer-header .ant-tag", { hasText: "逾期办结" }).waitFor();
    expect(await drawer.textContent()).toContain(`办结日期：${cstDay()}（逾期）`);
    await shot(keyuan, "tasks-3-closed-late.png");
    await keyuan.keyboard.press("Escape");
    const row = keyuan.locator(".ant-table-row", { hasText: taskTitle });
    await expect.poll(() => row.textContent()).toContain("逾期办结");
  });
});
