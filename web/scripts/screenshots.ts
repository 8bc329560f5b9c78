/**
 * Screenshots of the main screens for a visual check, against a running keguan server with
 * the demo seed (web/dist built). Run:
 *   npx tsx web/scripts/screenshots.ts <baseUrl> <adminPassword> [outDir]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { openBrowser } from "../../test/e2e/browser.ts";

const [base = "http://127.0.0.1:3000", password = "", out = "test-results/screens"] =
  process.argv.slice(2);
mkdirSync(out, { recursive: true });

async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(400);
  const path = join(out, `${name}.png`);
  await page.screenshot({ path });
  console.log(path);
}

async function login(page: Page, username: string, pass: string) {
  await page.goto(`${base}/login`);
  await page.getByPlaceholder("用户名").fill(username);
  await page.getByPlaceholder("密码").fill(pass);
  await page.getByRole("button", { name: /登\s*录/ }).click();
}

async function csrf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === "kg_csrf")?.value ?? "";
}

const { context, close } = await openBrowser();
try {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("pageerror:", e.message));

  await login(page, "admin", `${password}-wrong`);
  await page.getByRole("alert").waitFor();
  await shot(page, "01-login-error");

  await page.getByPlaceholder("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.getByText("业务模块").waitFor();
  await shot(page, "02-dashboard");

  await page.getByRole("menuitem", { name: "知识产权" }).click();
  await page.getByText("该模块建设中").waitFor();
  await shot(page, "03-placeholder");

  await page.goto(`${base}/system/units`);
  await page.locator(".ant-table-row").first().waitFor();
  await shot(page, "04-units");

  const bad =
    "单位名称,单位类型,所属地区,联系电话\n,政府部门,夹江县,123\n某单位,乱写类型,夹江县,abc\n";
  await page.locator("input[type=file]").setInputFiles({
    name: "坏数据.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(bad, "utf8"),
  });
  await page.getByText("导入单位失败").waitFor();
  await shot(page, "05-import-errors");
  await page.getByRole("button", { name: /^关\s闭$/ }).click();

  await page.getByRole("button", { name: /新\s*建/ }).click();
  const drawer = page.getByRole("dialog");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.waitForTimeout(300);
  await shot(page, "06-unit-form-required");
  await drawer.getByLabel("单位名称").fill("截图测试单位");
  await drawer.getByLabel("单位类型").click();
  await page.locator(".ant-select-item-option").first().click();
  await drawer.getByLabel("所属地区").click();
  await page.locator(".ant-select-tree-node-content-wrapper").first().click();
  await drawer.getByLabel("联系电话").fill("电话#123");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await drawer.locator(".ant-form-item-explain-error").first().waitFor();
  await shot(page, "07-unit-form-server-error");
  await drawer.getByRole("button", { name: /取\s*消/ }).click();

  // Stale edit: someone else saves the same unit while the drawer is open.
  const opened = page.waitForResponse((r) => /\/api\/units\/\d+$/.test(new URL(r.url()).pathname));
  await page
    .getByRole("button", { name: /编\s*辑/ })
    .first()
    .click();
  const fresh = (await (await opened).json()) as Record<string, unknown>;
  const {
    id,
    version,
    regionName: _r,
    unitName: _u,
    createdAt: _c,
    updatedAt: _m,
    ...rest
  } = fresh;
  const other = await page.request.put(`${base}/api/units/${String(id)}`, {
    headers: { "x-csrf-token": await csrf(page) },
    data: { ...rest, contact: "他人修改", version },
  });
  if (!other.ok()) console.error("concurrent update failed:", other.status(), await other.text());
  await drawer.getByLabel("联系人").fill("我的修改");
  await drawer.getByRole("button", { name: /保\s*存/ }).click();
  await page.locator(".ant-modal-confirm-title", { hasText: "保存冲突" }).waitFor();
  await shot(page, "08-version-conflict");
  await page.getByRole("button", { name: /重新加载/ }).click();
  await drawer.getByRole("button", { name: /取\s*消/ }).click();

  await page.goto(`${base}/system/users`);
  await page.locator(".ant-table-row").first().waitFor();
  await shot(page, "09-users");
  await page
    .locator(".ant-table-row", { hasText: "keyuan" })
    .getByRole("button", { name: "重置密码" })
    .click();
  // The confirm's own button: every row also has a "重置密码" button.
  await page
    .locator(".ant-popconfirm")
    .getByRole("button", { name: /^重\s*置$/ })
    .click();
  await page.getByTestId("one-time-password").waitFor();
  await shot(page, "10-reset-password");
  const oneTime = (await page.getByTestId("one-time-password").textContent()) ?? "";
  await page.getByRole("button", { name: "我已记下" }).click();

  await page.goto(`${base}/system/audit`);
  await page.locator(".ant-table-row").first().waitFor();
  const expand = page.locator(".ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)");
  if (await expand.count()) await expand.first().click();
  await shot(page, "11-audit");

  // A city user: region switcher over the counties below.
  await page.getByTestId("user-menu").hover();
  await page.getByText("退出登录").click();
  await page.waitForURL(/\/login/);
  await login(page, "shiju", password);
  await page.getByText("业务模块").waitFor();
  await page.getByLabel("切换区域").click();
  await page.waitForTimeout(300);
  await shot(page, "12-city-region-switcher");
  await page.locator(".ant-select-tree-node-content-wrapper", { hasText: "夹江县" }).click();
  await page.getByText("已切换到：夹江县").waitFor();
  await page.getByRole("menuitem", { name: "系统管理" }).click();
  await page.getByRole("menuitem", { name: "单位管理" }).click();
  await page.locator(".ant-table-row").first().waitFor();
  await shot(page, "13-city-switched-units");

  // The reset user must change the password before anything else; then sees no 系统管理.
  await page.getByTestId("user-menu").hover();
  await page.getByText("退出登录").click();
  await page.waitForURL(/\/login/);
  await login(page, "keyuan", oneTime);
  await page.waitForURL(/\/change-password/);
  await page.getByText("修改密码").first().waitFor();
  await shot(page, "14-forced-password-change");
  await page.getByLabel("原密码").fill(oneTime);
  await page.getByLabel("新密码", { exact: true }).fill("Keyuan-2026-new");
  await page.getByLabel("确认新密码").fill("Keyuan-2026-new");
  await page.getByRole("button", { name: "确认修改" }).click();
  await page.getByText("业务模块").waitFor();
  await shot(page, "15-editor-dashboard");
} finally {
  await close();
}
