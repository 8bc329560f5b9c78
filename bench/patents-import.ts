/**
 * Patent list benchmark: `npm run bench:patents`. BENCH_PATENT_ROWS (default 1,000,000)
 * CSV rows and BENCH_PATENT_XLSX_ROWS (default 100,000, at most the CSV count) XLSX rows;
 * BENCH_ENGINES=pglite,postgres; BENCH_NO_WRITE=1 leaves BENCHMARKS.md alone.
 * (a) importPatents (the real import path, one transaction) from XLSX, CSV UTF-8 and CSV
 *     GB18030, each in a fresh process that reads the file from disk as the server would
 *     (its peak RSS is the import's), against a raw COPY of the same rows into `patents`;
 * (b) every patents.* metric (and the 12-month chart series) for a city of 20 counties
 *     holding the CSV rows.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { z } from "zod";
import type { Db } from "../src/core/db/schema.ts";
import { DEMO_CITY } from "../src/core/demo/demo-county.ts";
import { metricScope } from "../src/core/metrics/metric.ts";
import { getRegionByCode, insertRegion } from "../src/core/regions/regions.repository.ts";
import { monthlySeries } from "../src/modules/patents/monthly.ts";
import { buildMetricRegistry } from "../src/server/registry.ts";
import { measure } from "./cases.ts";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./engines.ts";
import { type MetricTiming, writePatentsMarkdown } from "./patents-report.ts";
import { copyPatents, generatePatents, writePatentFiles } from "./patents-rows.ts";
import { type CaseResult, caseTable, machine, textTable } from "./report.ts";
import { startRssSampler } from "./rss.ts";

const n = Number(process.env.BENCH_PATENT_ROWS ?? 1_000_000);
const nx = Math.min(n, Number(process.env.BENCH_PATENT_XLSX_ROWS ?? Math.min(100_000, n)));
const engineNames = (process.env.BENCH_ENGINES ?? "pglite,postgres").split(",");
const started = performance.now();
const log = (s: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);
const count = async (db: Db) =>
  (await sql<{ n: number }>`select count(*)::int as n from patents`.execute(db)).rows[0]?.n ?? 0;

/** 20 counties under the demo city with the rows spread over them and their population. */
async function cityCounties(db: Db) {
  const city = await getRegionByCode(db, DEMO_CITY.code);
  if (!city) throw new Error("demo city missing");
  const counties = [];
  for (let c = 0; c < 20; c++) {
    const county = await insertRegion(db, {
      parentId: city.id,
      level: 3,
      code: `5111${String(80 + c).padStart(2, "0")}`,
      name: `基准测试县${c + 1}`,
    });
    counties.push(county);
    await db
      .insertInto("region_year_figures")
      .values({ region_id: county.id, region_path: county.path, year: 2025, population: 35 })
      .execute();
  }
  return { city, counties };
}

const childResult = z.object({
  seconds: z.number(),
  peakMb: z.number(),
  startMb: z.number(),
  counts: z.object({ created: z.number(), updated: z.number() }),
});

/** Runs one import in a fresh process (bench/patents-import-child.ts) and reads its figures. */
function importInChild(args: {
  engine: "pglite" | "postgres";
  url?: string;
  dataDir?: string;
  prepare?: boolean;
  file?: string;
  maxRows?: number;
}) {
  const child = fileURLToPath(new URL("./patents-import-child.ts", import.meta.url));
  // The V8 flag bin/keguan.mjs starts the server with on each engine: the child is measured
  // as the server would run.
  const heap =
    args.engine === "pglite" ? ["--max-semi-space-size=2", "--heap-growing-percent=20"] : [];
  const flags = [...heap, "--import", "tsx"];
  const r = spawnSync(process.execPath, [...flags, child, JSON.stringify(args)], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
  if (args.prepare) return null;
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  return childResult.parse(JSON.parse(last));
}

const dir = mkdtempSync(join(tmpdir(), "keguan-bench-patents-"));
const rss = startRssSampler(50);
const engines: BenchEngine[] = [];
try {
  for (const line of machine()) console.log(line);
  log(`generating ${n.toLocaleString("en-US")} patents (XLSX: ${nx.toLocaleString("en-US")})`);
  const rows = generatePatents(n);
  const files = await writePatentFiles(dir, rows, nx);
  for (const f of files)
    log(`${f.label}: ${(f.size / 1048576).toFixed(1)} MB in ${f.seconds.toFixed(1)} s`);

  const imports: CaseResult[] = [];
  const metrics: { engine: string; timings: MetricTiming[]; monthlyMs: number }[] = [];
  for (const name of engineNames) {
    const engine = name === "postgres" ? await postgresEngine() : pgliteEngine();
    engines.push(engine);

    // COPY floor, into a city of 20 counties that then serves the metric timings.
    const cityDb = await engine.fresh("pat_city");
    const copySeconds: Record<number, number> = {};
    try {
      const { city, counties } = await cityCounties(cityDb.handle.db);
      const regionOf = (i: number) => counties[i % counties.length] ?? city;
      for (const size of [...new Set([nx, n])]) {
        await sql`truncate patents`.execute(cityDb.handle.db);
        await engine.settle();
        const m = await measure(rss, () => copyPatents(cityDb, rows.slice(0, size), regionOf));
        if ((await count(cityDb.handle.db)) !== size) throw new Error("COPY row count");
        copySeconds[size] = m.seconds;
        imports.push({ name: `${engine.name} · COPY`, rows: size, ...m, ratio: 1 });
        log(`${engine.name} COPY ${size}: ${m.seconds.toFixed(2)} s`);
      }
      // Steady state: PostgreSQL's autovacuum vacuums a freshly loaded table within a minute,
      // and until it has, the visibility map is empty and the stock counts cannot be answered
      // from the covering indexes alone (a parallel seq scan, ~260 ms instead of ~110-170 ms).
      await sql`vacuum (analyze) patents`.execute(cityDb.handle.db);
      const registry = buildMetricRegistry();
      const scope = metricScope(city, { from: "2025-01-01", to: "2025-12-31" });
      const timings: MetricTiming[] = [];
      for (const def of registry.listMetrics().filter((d) => d.id.startsWith("patents."))) {
        const runs: number[] = [];
        let value = 0;
        for (let k = 0; k < 5; k++) {
          const t0 = performance.now();
          value = (await registry.evaluate(cityDb.handle.db, def.id, scope)).value;
          runs.push(performance.now() - t0);
        }
        runs.sort((a, b) => a - b);
        timings.push({ id: def.id, value, ms: runs[2] ?? 0 });
      }
      const t0 = performance.now();
      await monthlySeries(cityDb.handle.db, registry, city, 2025);
      metrics.push({ engine: engine.name, timings, monthlyMs: performance.now() - t0 });
      log(`${engine.name} metrics timed`);
    } finally {
      await cityDb.dispose();
    }

    for (const f of files) {
      const size = f.label === "XLSX" ? nx : n;
      // PostgreSQL: a prepared database the child connects to; PGlite: the child makes its own.
      const db = engine.name === "PostgreSQL" ? await engine.fresh("pat_import") : null;
      try {
        const before = db ? await count(db.handle.db) : null;
        const kind = engine.name === "PostgreSQL" ? "postgres" : "pglite";
        const dataDir = join(dir, `pglite-${f.label.replace(/\W/g, "")}`);
        if (kind === "pglite") importInChild({ engine: kind, dataDir, prepare: true });
        await engine.settle();
        const m = importInChild({
          engine: kind,
          url: db?.url,
          dataDir,
          file: f.path,
          maxRows: n + 1,
        });
        if (!m) throw new Error("import child printed nothing");
        rmSync(dataDir, { recursive: true, force: true });
        // A generated number may equal one of the demo's random ones: that row is an update.
        const { created, updated } = m.counts;
        const added = db && before !== null ? (await count(db.handle.db)) - before : created;
        if (created + updated !== size || added !== created)
          throw new Error(`import ${f.label}: ${JSON.stringify(m.counts)}, expected ${size}`);
        const copy = copySeconds[size] ?? Number.NaN;
        imports.push({
          name: `${engine.name} · ${f.label}`,
          rows: size,
          seconds: m.seconds,
          peakMb: m.peakMb,
          deltaMb: m.peakMb - m.startMb,
          ratio: m.seconds / copy,
        });
        log(
          `${engine.name} ${f.label}: ${m.seconds.toFixed(2)} s (${(m.seconds / copy).toFixed(1)}× COPY), peak RSS of the importing process ${m.peakMb.toFixed(0)} MB (${m.startMb.toFixed(0)} MB before)`,
        );
      } finally {
        await db?.dispose();
      }
    }
  }

  console.log(
    `\nImport of ${n.toLocaleString("en-US")} patents (XLSX ${nx.toLocaleString("en-US")})\n`,
  );
  console.log(caseTable(imports, false));
  const ids = metrics[0]?.timings.map((t) => t.id) ?? [];
  console.log(
    textTable(
      ["metric", "value", ...metrics.map((m) => `${m.engine} ms`)],
      ids.map((id, i) => [
        id,
        String(metrics[0]?.timings[i]?.value ?? ""),
        ...metrics.map((m) => (m.timings[i]?.ms ?? 0).toFixed(1)),
      ]),
    ),
  );
  if (!process.env.BENCH_NO_WRITE) {
    const path = writePatentsMarkdown({
      n,
      nx,
      engines: engines.map((e) => e.version),
      files,
      imports,
      metrics,
      totalSeconds: (performance.now() - started) / 1000,
    });
    log(`wrote ${path}`);
  }
} finally {
  for (const e of engines) await e.stop();
  await rss.stop();
  rmSync(dir, { recursive: true, force: true });
}
