/**
 * Enterprises benchmark: `npm run bench:enterprises` (100,000 rows) or
 * `npm run bench:enterprises -- --rows 20000`. Options: --engines pglite,postgres
 * --counties 20 --per-county 200 --no-write (do not touch BENCHMARKS.md).
 * (a) importEnterprises from XLSX against a raw COPY of the same rows;
 * (b) every enterprises.* metric for a city with 20 generated counties.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { flag, has } from "../src/cli/context.ts";
import type { Db } from "../src/core/db/schema.ts";
import { importEnterprises } from "../src/modules/enterprises/enterprises.service.ts";
import { measure } from "./cases.ts";
import { townsByName } from "./copy.ts";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./engines.ts";
import {
  type CityFixture,
  type MetricTiming,
  seedCity,
  timeCityMetrics,
} from "./enterprises-metrics.ts";
import { metricTable, writeEnterprisesMarkdown } from "./enterprises-report.ts";
import { copyEnterprises, generateEnterprises, writeEnterprisesXlsx } from "./enterprises-rows.ts";
import { breakdown, QueryTimer } from "./phases.ts";
import {
  type CaseResult,
  caseTable,
  machine,
  type PhaseRow,
  phaseTable,
  textTable,
} from "./report.ts";
import { startRssSampler } from "./rss.ts";

const args = process.argv.slice(2);
const n = Number(flag(args, "rows") ?? 100_000);
if (!Number.isInteger(n) || n < 1 || n > 200_000) {
  console.error("--rows must be an integer from 1 to 200000 (the import's row limit)");
  process.exit(2);
}
const counties = Number(flag(args, "counties") ?? 20);
const perCounty = Number(flag(args, "per-county") ?? 200);
const engineNames = (flag(args, "engines") ?? "pglite,postgres").split(",");
const started = performance.now();
const log = (s: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);

const count = async (db: Db) =>
  (await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db)).rows[0]?.n ??
  0;

const dir = mkdtempSync(join(tmpdir(), "keguan-bench-ent-"));
const rss = startRssSampler(50);
const engines: BenchEngine[] = [];
try {
  for (const line of machine()) console.log(line);
  log(`generating ${n.toLocaleString("en-US")} enterprises`);
  const rows = generateEnterprises(n);
  const xlsx = await writeEnterprisesXlsx(dir, rows);
  log(`XLSX ${(xlsx.size / 1024 / 1024).toFixed(1)} MB written in ${xlsx.seconds.toFixed(1)} s`);

  const imports: CaseResult[] = [];
  const phases: PhaseRow[] = [];
  const metrics: { engine: string; timings: MetricTiming[] }[] = [];
  let fixture: CityFixture | undefined;
  for (const name of engineNames) {
    const engine = name === "postgres" ? await postgresEngine() : pgliteEngine();
    engines.push(engine);

    const copyDb = await engine.fresh("ent_copy");
    let copySeconds: number;
    try {
      const towns = await townsByName(copyDb);
      const before = await count(copyDb.handle.db);
      const m = await measure(rss, () => copyEnterprises(copyDb, rows, towns));
      if ((await count(copyDb.handle.db)) - before !== n) throw new Error("COPY row count");
      copySeconds = m.seconds;
      imports.push({ name: `${engine.name} · COPY`, rows: n, ...m, ratio: 1 });
      log(`${engine.name} COPY: ${m.seconds.toFixed(2)} s`);
    } finally {
      await copyDb.dispose();
    }

    const importDb = await engine.fresh("ent_import");
    try {
      const before = await count(importDb.handle.db);
      const timer = new QueryTimer();
      const m = await measure(rss, async () => {
        const t0 = performance.now();
        const counts = await importEnterprises(
          importDb.handle.db.withPlugin(timer),
          importDb.scope,
          { path: xlsx.path },
          { filename: "enterprises.xlsx", maxBytes: 1024 ** 3 },
        );
        return { counts, phases: breakdown(timer.spans, t0, performance.now()) };
      });
      const c = m.value.counts;
      if (c.created !== n || (await count(importDb.handle.db)) - before !== n) {
        throw new Error(`import: ${JSON.stringify(c)}, expected ${n} created`);
      }
      imports.push({
        name: `${engine.name} · XLSX import`,
        rows: n,
        seconds: m.seconds,
        peakMb: m.peakMb,
        deltaMb: m.deltaMb,
        ratio: m.seconds / copySeconds,
      });
      phases.push({ name: `${engine.name} · XLSX import`, phases: m.value.phases });
      log(
        `${engine.name} import: ${m.seconds.toFixed(2)} s (${(m.seconds / copySeconds).toFixed(1)}× COPY)`,
      );
    } finally {
      await importDb.dispose();
    }

    const cityDb = await engine.fresh("ent_city");
    try {
      fixture = await seedCity(cityDb.handle.db, counties, perCounty);
      log(
        `${engine.name} city fixture: ${fixture.enterprises} enterprises in ${fixture.seconds.toFixed(1)} s`,
      );
      metrics.push({ engine: engine.name, timings: await timeCityMetrics(cityDb.handle.db, 5) });
      log(`${engine.name} metrics timed`);
    } finally {
      await cityDb.dispose();
    }
  }
  if (!fixture) throw new Error("no engine ran");

  // Both engines must agree on every value, or the timings compare different work.
  const [a, b] = metrics;
  if (a && b) {
    for (const [i, t] of a.timings.entries()) {
      const other = b.timings[i]?.value ?? Number.NaN;
      if (!(Math.abs(other - t.value) <= 1e-9 * Math.max(1, Math.abs(t.value)))) {
        throw new Error(`${t.id}: engines disagree (${t.value} vs ${other})`);
      }
    }
  }

  console.log(`\nImport of ${n.toLocaleString("en-US")} enterprises\n`);
  console.log(caseTable(imports, false));
  console.log("\nWhere the time goes (seconds)\n");
  console.log(phaseTable(phases, false));
  console.log(
    `\nenterprises.* metrics, city of ${counties} generated counties, p50 ms of 5 runs\n`,
  );
  const mrows = metricTable(metrics, false);
  if (Array.isArray(mrows)) {
    console.log(textTable(["metric", "label", "value", ...metrics.map((m) => m.engine)], mrows));
  }
  if (!has(args, "no-write")) {
    const path = writeEnterprisesMarkdown({
      n,
      args,
      engines: engines.map((e) => e.version),
      xlsx,
      imports,
      phases,
      fixture,
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
