/**
 * Report and dashboard benchmark: `npm run bench:report`. Per engine (BENCH_ENGINES,
 * default pglite,postgres), on one database seeded with the demo:
 * (a) the 2026 work summary of 夹江县, BENCH_REPORT_RUNS times (default 10): composeReport
 *     (model build) and renderReport(…, "docx") timed apart;
 * (b) 20 generated counties added under 乐山市 (BENCH_REPORT_ENTERPRISES enterprises each,
 *     default 200; BENCH_REPORT_PATENTS patents over all, default 100,000), then the city's
 *     BENCH_REPORT_YEAR (default 2025) summary BENCH_REPORT_CITY_RUNS times (default 5);
 * (c) every dashboard widget for the city and that year, BENCH_DASHBOARD_RUNS times
 *     (default 5), called as the route calls it.
 * BENCH_NO_WRITE=1 leaves BENCHMARKS.md alone.
 */

import { cliScope } from "../src/cli/context.ts";
import { DEMO_CITY, DEMO_COUNTY } from "../src/core/demo/demo-county.ts";
import { parsePeriod } from "../src/core/metrics/period.ts";
import { getRegionByCode } from "../src/core/regions/regions.repository.ts";
import { composeReport } from "../src/core/report/composer.ts";
import { numberRuns, type ReportDocument } from "../src/core/report/model.ts";
import { renderReport } from "../src/reports/generate.ts";
import { buildMetricRegistry, reportContributors } from "../src/server/registry.ts";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./engines.ts";
import { machine, textTable } from "./report.ts";
import { buildCity, percentiles, timeWidgets } from "./report-city.ts";
import { type EngineResult, type ReportTiming, writeReportMarkdown } from "./report-markdown.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const settings = {
  runs: env("BENCH_REPORT_RUNS", 10),
  cityRuns: env("BENCH_REPORT_CITY_RUNS", 5),
  widgetRuns: env("BENCH_DASHBOARD_RUNS", 5),
  perCounty: env("BENCH_REPORT_ENTERPRISES", 200),
  patents: env("BENCH_REPORT_PATENTS", 100_000),
  cityYear: env("BENCH_REPORT_YEAR", 2025),
};
const engineNames = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",");
const started = performance.now();
const log = (s: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);

/** Model build and DOCX render, timed apart, `runs` times; the last document is kept. */
async function timeReport(
  runs: number,
  compose: () => Promise<ReportDocument>,
): Promise<ReportTiming> {
  const build: number[] = [];
  const render: number[] = [];
  let doc: ReportDocument | undefined;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    doc = await compose();
    const t1 = performance.now();
    bytes = (await renderReport(doc, "docx")).length;
    build.push(t1 - t0);
    render.push(performance.now() - t1);
  }
  if (!doc) throw new Error("no run");
  return {
    runs,
    build: percentiles(build),
    render: percentiles(render),
    blocks: doc.blocks.length,
    numbers: numberRuns(doc).length,
    docxKb: bytes / 1024,
  };
}

async function runEngine(engine: BenchEngine): Promise<EngineResult> {
  const t0 = performance.now();
  const bench = await engine.fresh("report");
  const seedSeconds = (performance.now() - t0) / 1000;
  try {
    const db = bench.handle.db;
    const registry = buildMetricRegistry();
    const county = await getRegionByCode(db, DEMO_COUNTY.code);
    if (!county) throw new Error("demo county missing");
    const composeFor = (region: typeof county, period: string) => () =>
      composeReport({
        db,
        registry,
        contributors: reportContributors,
        region,
        period: parsePeriod(period),
        date: "2026-12-31",
      });
    log(
      `${engine.name}: demo seeded in ${seedSeconds.toFixed(1)} s; county report ×${settings.runs}`,
    );
    const countyReport = await timeReport(settings.runs, composeFor(county, "2026"));

    const city = await buildCity(bench, settings.perCounty, settings.patents);
    log(
      `${engine.name}: city built in ${city.seconds.toFixed(1)} s; city report ×${settings.cityRuns}`,
    );
    const cityReport = await timeReport(
      settings.cityRuns,
      composeFor(city.city, String(settings.cityYear)),
    );

    log(`${engine.name}: dashboard widgets ×${settings.widgetRuns}`);
    const scope = await cliScope(db, DEMO_CITY.code);
    const widgetMs = await timeWidgets(
      db,
      registry,
      scope,
      city.city,
      settings.cityYear,
      settings.widgetRuns,
    );
    return {
      engine: engine.name,
      version: engine.version,
      seedSeconds,
      city,
      countyReport,
      cityReport,
      widgets: Object.entries(widgetMs.each).map(([name, ms]) => ({ name, ...percentiles(ms) })),
      allWidgets: percentiles(widgetMs.together),
    };
  } finally {
    await bench.dispose();
  }
}

const results: EngineResult[] = [];
const engines: BenchEngine[] = [];
try {
  for (const line of machine()) console.log(line);
  console.log(JSON.stringify(settings));
  for (const name of engineNames) {
    const engine = name === "postgres" ? await postgresEngine() : pgliteEngine();
    engines.push(engine);
    results.push(await runEngine(engine));
  }
  const ms = (n: number) => n.toFixed(0);
  console.log(
    textTable(
      ["engine", "case", "build p50", "build p95", "docx p50", "docx p95"],
      results.flatMap((r) =>
        (
          [
            ["county 2026", r.countyReport],
            [`city ${settings.cityYear}`, r.cityReport],
          ] as const
        ).map(([label, t]) => [
          r.engine,
          label,
          ms(t.build.p50),
          ms(t.build.p95),
          ms(t.render.p50),
          ms(t.render.p95),
        ]),
      ),
    ),
  );
  console.log(
    textTable(
      ["widget", ...results.map((r) => `${r.engine} p50 ms`)],
      (results[0]?.widgets ?? []).map((w, i) => [
        w.name,
        ...results.map((r) => ms(r.widgets[i]?.p50 ?? 0)),
      ]),
    ),
  );
  const totalSeconds = (performance.now() - started) / 1000;
  if (process.env.BENCH_NO_WRITE !== "1") {
    const path = writeReportMarkdown({ settings, results, totalSeconds });
    log(`wrote ${path}`);
  }
} finally {
  for (const e of engines) await e.stop();
}
