import { basename } from "node:path";
import { sql } from "kysely";
import { importColumns } from "../src/core/entity/import.ts";
import { openTable } from "../src/core/excel/index.ts";
import { unitEntity } from "../src/modules/units/entities.ts";
import { importUnits } from "../src/modules/units/units.service.ts";
import { copyUnits, townsByName } from "./copy.ts";
import type { BenchEngine } from "./engines.ts";
import { breakdown, type PhaseBreakdown, QueryTimer } from "./phases.ts";
import type { BenchUnit } from "./rows.ts";
import { collectGarbage, mb, type RssSampler } from "./rss.ts";

export interface Measured {
  seconds: number;
  peakMb: number;
  deltaMb: number;
}

/** Runs `work` with a clean heap and a fresh RSS window; peak and delta cover only it. */
export async function measure<T>(
  rss: RssSampler,
  work: () => Promise<T>,
): Promise<Measured & { value: T }> {
  collectGarbage();
  const baseline = rss.reset();
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  const peak = rss.peak();
  return { value, seconds, peakMb: mb(peak), deltaMb: mb(peak - baseline) };
}

async function unitCount(db: BenchDbLike): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from units`.execute(db);
  return r.rows[0]?.n ?? 0;
}
type BenchDbLike = Parameters<typeof importUnits>[0];

export async function copyCase(engine: BenchEngine, rows: BenchUnit[], rss: RssSampler) {
  const bench = await engine.fresh("copy");
  try {
    const towns = await townsByName(bench);
    const before = await unitCount(bench.handle.db);
    const m = await measure(rss, () => copyUnits(bench, rows, towns));
    const added = (await unitCount(bench.handle.db)) - before;
    if (added !== rows.length) throw new Error(`COPY added ${added} rows, expected ${rows.length}`);
    return m;
  } finally {
    await bench.dispose();
  }
}

export interface ImportResult {
  first: Measured;
  again: Measured;
  phases: PhaseBreakdown;
  againPhases: PhaseBreakdown;
}

/**
 * One import case on a fresh database, then the same file again (everything unchanged).
 * Counts are checked so that a fast wrong answer cannot pass for a result.
 */
export async function importCase(
  engine: BenchEngine,
  file: string,
  n: number,
  rss: RssSampler,
): Promise<ImportResult> {
  const bench = await engine.fresh(basename(file).replace(/\..*$/, ""));
  try {
    const run = async () => {
      const timer = new QueryTimer();
      const t0 = performance.now();
      const counts = await importUnits(
        bench.handle.db.withPlugin(timer),
        bench.scope,
        { path: file },
        { filename: basename(file) },
      );
      return { counts, phases: breakdown(timer.spans, t0, performance.now()) };
    };
    const first = await measure(rss, run);
    const c1 = first.value.counts;
    if (c1.total !== n || c1.created !== n) {
      throw new Error(`first import of ${file}: ${JSON.stringify(c1)}, expected ${n} created`);
    }
    const audited = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where entity = 'unit' and action = 'create'`.execute(
      bench.handle.db,
    );
    if (audited.rows[0]?.n !== n) throw new Error(`expected ${n} create audit rows`);
    const again = await measure(rss, run);
    const c2 = again.value.counts;
    if (c2.unchanged !== n || c2.created !== 0 || c2.updated !== 0) {
      throw new Error(`re-import of ${file}: ${JSON.stringify(c2)}, expected ${n} unchanged`);
    }
    const { value: _a, ...firstM } = first;
    const { value: _b, ...againM } = again;
    return {
      first: firstM,
      again: againM,
      phases: first.value.phases,
      againPhases: again.value.phases,
    };
  } finally {
    await bench.dispose();
  }
}

/** Reading alone (openTable + every row, no validation, no database): the parse floor. */
export async function parseOnly(file: string, rss: RssSampler): Promise<Measured> {
  const m = await measure(rss, async () => {
    const table = await openTable(
      { path: file },
      { filename: basename(file), columns: importColumns(unitEntity) },
    );
    let n = 0;
    for await (const _row of table.rows) n += 1;
    return n;
  });
  const { value: _n, ...rest } = m;
  return rest;
}
