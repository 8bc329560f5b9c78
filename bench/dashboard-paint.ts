/**
 * Dashboard in the browser: `npm run bench:dashboard` (1,000,000 patents) or
 * `BENCH_REPORT_PATENTS=100000 npm run bench:dashboard`. Builds the benchmark city (20
 * generated counties under 乐山市, bench/report-city.ts) on a throwaway PostgreSQL, starts
 * `keguan serve` on it, and opens the city dashboard for 2025 as the city user in headless
 * Chromium: first contentful paint, the time until every widget has answered, and each
 * widget's API time as the browser saw it. Needs web/dist (npm run build:web).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { openBrowser } from "../test/e2e/browser.ts";
import { postgresEngine } from "./engines.ts";
import { machine, textTable } from "./report.ts";
import { buildCity, percentiles } from "./report-city.ts";

const patents = Number(process.env.BENCH_REPORT_PATENTS ?? 1_000_000);
const runs = Number(process.env.BENCH_PAINT_RUNS ?? 5);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function serve(url: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/keguan.mjs", "serve"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, KEGUAN_LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/auth/me`)).status === 401) return { base, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill();
  throw new Error("server did not start");
}

for (const line of machine()) console.log(line);
const engine = await postgresEngine();
try {
  const b = await engine.fresh("paint");
  const city = await buildCity(b, 200, patents);
  console.log(
    `city built in ${city.seconds.toFixed(0)} s (${patents.toLocaleString("en-US")} patents)`,
  );
  if (!b.url) throw new Error("no database URL");
  const { base, child } = await serve(b.url);
  const { context, close } = await openBrowser();
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${base}/login`);
    await page.getByPlaceholder("用户名").fill("shiju");
    await page.getByPlaceholder("密码").fill("bench-password-1");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    const fcp: number[] = [];
    const done: number[] = [];
    const widgetTimes = new Map<string, number[]>();
    for (let i = 0; i <= runs; i++) {
      await page.goto(`${base}/?year=2025`, { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      const m = await page.evaluate(() => {
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        const widgets = performance
          .getEntriesByType("resource")
          .filter((e) => e.name.includes("/api/dashboard/"))
          .map((e) => ({
            name: new URL(e.name).pathname.split("/").pop() ?? "",
            duration: e.duration,
            end: e.startTime + e.duration,
          }));
        return { fcp: paint?.startTime ?? Number.NaN, widgets };
      });
      if (i === 0) continue; // the first load warms caches and the JS chunks
      fcp.push(m.fcp);
      done.push(Math.max(...m.widgets.map((w) => w.end)));
      for (const w of m.widgets)
        widgetTimes.set(w.name, [...(widgetTimes.get(w.name) ?? []), w.duration]);
    }
    await page.screenshot({ path: "test-results/bench-dashboard-city.png", fullPage: true });
    const p = (xs: number[]) => percentiles(xs);
    console.log(`\nCity dashboard, 2025, ${runs} loads (after one warm-up), PostgreSQL:`);
    console.log(
      textTable(
        ["measure", "p50 ms", "p95 ms"],
        [
          ["first contentful paint", p(fcp).p50.toFixed(0), p(fcp).p95.toFixed(0)],
          ["every widget answered", p(done).p50.toFixed(0), p(done).p95.toFixed(0)],
          ...[...widgetTimes].map(([name, xs]) => [
            `  /api/dashboard/${name}`,
            p(xs).p50.toFixed(0),
            p(xs).p95.toFixed(0),
          ]),
        ],
      ),
    );
  } finally {
    await close();
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    await b.dispose();
  }
} finally {
  await engine.stop();
}
