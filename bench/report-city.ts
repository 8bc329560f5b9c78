import { sql } from "kysely";
import type { Db, Region } from "../src/core/db/schema.ts";
import { DEMO_CITY } from "../src/core/demo/demo-county.ts";
import type { MetricRegistry } from "../src/core/metrics/registry.ts";
import { getRegionByCode } from "../src/core/regions/regions.repository.ts";
import type { Scope } from "../src/core/scope.ts";
import { WIDGET_NAMES, type WidgetContext, widgets } from "../src/modules/dashboard/widgets.ts";
import type { BenchDb } from "./engines.ts";
import { seedCity } from "./enterprises-metrics.ts";
import { copyPatents, generatePatents } from "./patents-rows.ts";

/*
 * The city of the report and dashboard benchmarks: the demo city 乐山市 with its two demo
 * counties plus 20 generated counties, each holding enterprises (seedCity of the enterprises
 * benchmark: 高企 certificates, applications, two years of figures) and an equal share of
 * the generated patents (the patents benchmark's generator, COPYed), then ANALYZE.
 */

export interface CityBench {
  city: Region;
  counties: number;
  enterprises: number;
  patents: number;
  seconds: number;
}

export async function buildCity(
  bench: BenchDb,
  perCounty: number,
  patents: number,
): Promise<CityBench> {
  const t0 = performance.now();
  const db = bench.handle.db;
  const fixture = await seedCity(db, 20, perCounty);
  const city = await getRegionByCode(db, DEMO_CITY.code);
  if (!city) throw new Error("demo city missing");
  const counties = await db
    .selectFrom("regions")
    .select(["id", "path"])
    .where("parent_id", "=", city.id)
    .where("name", "like", "基准测试县%")
    .orderBy("id")
    .execute();
  if (counties.length !== 20) throw new Error(`expected 20 generated counties, ${counties.length}`);
  // Per-10k figures need a population; the enterprises fixture only sets GDP.
  await db
    .updateTable("region_year_figures")
    .set({ population: 35 })
    .where(
      "region_id",
      "in",
      counties.map((c) => c.id),
    )
    .execute();
  // Above ~350,000 rows the generator's numbers (serial 8,000,000 + i) reach the demo's own.
  const taken = new Set(
    (await db.selectFrom("patents").select("application_no").execute()).map(
      (p) => p.application_no,
    ),
  );
  const rows = generatePatents(patents).filter((p) => !taken.has(p.申请号));
  await copyPatents(bench, rows, (i) => counties[i % counties.length] ?? city);
  // VACUUM as autovacuum would after a bulk load: sets the visibility map for index-only scans.
  await sql`vacuum analyze`.execute(db);
  return {
    city,
    counties: fixture.counties,
    enterprises: fixture.enterprises,
    patents: rows.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  first: number;
}

/** Nearest-rank percentiles of milliseconds, plus the first (cold) run. */
export function percentiles(ms: number[]): Percentiles {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return {
    p50: at(0.5) ?? 0,
    p95: at(0.95) ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    first: ms[0] ?? 0,
  };
}

export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    out.push(performance.now() - t0);
  }
  return out;
}

/**
 * Every dashboard widget for the region and year, called as GET /api/dashboard/:widget calls
 * it (same context: children down to county level, as of the year's end): ms per run, then
 * all widgets at once as the page asks for them (the slowest answer bounds the page).
 */
export async function timeWidgets(
  db: Db,
  registry: MetricRegistry,
  scope: Scope,
  region: Region,
  year: number,
  runs: number,
): Promise<{ each: Record<string, number[]>; together: number[] }> {
  const children = await db
    .selectFrom("regions")
    .select(["id", "path", "name", "level"])
    .where("parent_id", "=", region.id)
    .where("level", "<=", 3)
    .orderBy("sort")
    .orderBy("id")
    .execute();
  const ctx: WidgetContext = { db, registry, scope, region, year, to: `${year}-12-31`, children };
  const each: Record<string, number[]> = {};
  for (const name of WIDGET_NAMES) {
    each[name] = await timeRuns(runs, () => widgets[name](ctx));
  }
  const together = await timeRuns(runs, () =>
    Promise.all(WIDGET_NAMES.map((name) => widgets[name](ctx))),
  );
  return { each, together };
}
