import { mkdirSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";

/** Logs `username` in on a fresh page of `context` (demo users share the admin password). */
export async function loginPage(
  context: BrowserContext,
  baseUrl: string,
  username: string,
  password: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByPlaceholder("用户名").fill(username);
  await page.getByPlaceholder("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  return page;
}

/** Screenshot into test-results/ for a human to look at after a run. */
export async function shot(page: Page, file: string): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/${file}` });
}

/** Today in the bureau's time zone, shifted by `days`, as YYYY-MM-DD. */
export function cstDay(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(d);
}

/** Headers for a write through page.request: the session cookie rides along, CSRF does not. */
export async function csrfHeaders(context: BrowserContext): Promise<Record<string, string>> {
  const cookie = (await context.cookies()).find((c) => c.name === "kg_csrf");
  if (!cookie) throw new Error("缺少 kg_csrf Cookie：尚未登录？");
  return { "x-csrf-token": cookie.value };
}
