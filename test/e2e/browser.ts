import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

/** Flags that work for Debian's chromium as root in a container (see STACK.md). */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A fresh Chromium profile at 1440×900, zh-CN; close() also removes the profile folder. */
export async function openBrowser(): Promise<{
  context: BrowserContext;
  close: () => Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), "kg-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a select and clicks an option, until its popup has closed: a click that lands
 * during the popup's opening animation can miss, leaving the list over the next field.
 */
export async function pick(page: Page, field: Locator, option: Locator): Promise<void> {
  const open = page.locator(".ant-select-dropdown:visible");
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await open.count()) === 0) await field.click();
    await option.click();
    try {
      await open.first().waitFor({ state: "hidden", timeout: 3000 });
      return;
    } catch {
      // still open: the click missed; try again
    }
  }
  throw new Error("下拉选项未能选中");
}
