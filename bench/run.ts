/**
 * Import benchmark: `npm run bench` (100,000 rows) or `npm run bench -- --rows 20000`.
 * Options: --engines pglite,postgres  --formats xlsx,csv-utf8,csv-gb18030
 *          --no-write (do not touch BENCHMARKS.md).
 * Not part of `npm test`: it takes minutes and its figures depend on the machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { flag, has } from "../src/cli/context.ts";
import { copyCase, importCase, parseOnly } from "./cases.ts";
import { type BenchEngine, pgliteEngine, postgresEngine } from "./engines.ts";
import { writeMarkdown } from "./markdown.ts";
import { type CaseResult, caseTable, machine, type PhaseRow, phaseTable } from "./report.ts";
import { generateUnits, writeFiles } from "./rows.ts";
import { startRssSampler } from "./rss.ts";

const args = process.argv.slice(2);
const n = Number(flag(args, "rows") ?? 100_000);
if (!Number.isInteger(n) || n < 1 || n > 200_000) {
  console.error("--rows must be an integer from 1 to 200000 (the import's row limit)");
  process.exit(2);
}
const engineNames = (flag(args, "engines") ?? "pglite,postgres").split(",");
const started = performance.now();
const log = (s: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${s}`);

const dir = mkdtempSync(join(tmpdir(), "keguan-bench-files-"));
const rss = startRssSampler(50);
const engines: BenchEngine[] = [];
try {
  for (const line of machine()) console.log(line);
  const loadAtStart = loadavg();
  log(`generating ${n.toLocaleString("en-US")} units`);
  const rows = generateUnits(n);
  const files = await writeFiles(dir, rows);
  const formats = (flag(args, "formats") ?? "xlsx,csv-utf8,csv-gb18030").split(",");
  const fileList = [
    {
      key: "xlsx",
      label: "XLSX",
      path: files.xlsx,
      size: files.sizes.xlsx,
      write: files.writeSeconds.xlsx,
    },
    {
      key: "csv-utf8",
      label: "CSV UTF-8",
      path: files.csvUtf8,
      size: files.sizes.csvUtf8,
      write: files.writeSeconds.csvUtf8,
    },
    {
      key: "csv-gb18030",
      label: "CSV GB18030",
      path: files.csvGb18030,
      size: files.sizes.csvGb18030,
      write: files.writeSeconds.csvGb18030,
    },
  ].filter((f) => formats.includes(f.key));
  for (const f of fileList) {
    log(`${f.label}: ${(f.size / 1024 / 1024).toFixed(1)} MB, written in ${f.write.toFixed(1)} s`);
  }

  const parse: CaseResult[] = [];
  for (const f of fileList) {
    const m = await parseOnly(f.path, rss);
    parse.push({ name: `read only · ${f.label}`, rows: n, ...m, ratio: Number.NaN });
    log(`read only ${f.label}: ${m.seconds.toFixed(2)} s`);
  }

  const results: CaseResult[] = [];
  const reimports: CaseResult[] = [];
  const phases: PhaseRow[] = [];
  for (const name of engineNames) {
    const engine = name === "postgres" ? await postgresEngine() : pgliteEngine();
    engines.push(engine);
    log(`${engine.version}: COPY baseline`);
    const copy = await copyCase(engine, rows, rss);
    results.push({ name: `${engine.name} · COPY`, rows: n, ...copy, ratio: 1 });
    log(`${engine.name} COPY: ${copy.seconds.toFixed(2)} s`);
    for (const f of fileList) {
      const label = `${engine.name} · ${f.label}`;
      const r = await importCase(engine, f.path, n, rss);
      results.push({ name: label, rows: n, ...r.first, ratio: r.first.seconds / copy.seconds });
      reimports.push({
        name: `${label} · re-import`,
        rows: n,
        ...r.again,
        ratio: r.again.seconds / copy.seconds,
        note: "all unchanged",
      });
      phases.push({ name: label, phases: r.phases });
      phases.push({ name: `${label} · re-import`, phases: r.againPhases });
      log(`${label}: ${r.first.seconds.toFixed(2)} s, re-import ${r.again.seconds.toFixed(2)} s`);
    }
  }

  console.log(`\nImport of ${n.toLocaleString("en-US")} units\n`);
  console.log(caseTable(results, false));
  console.log("\nRe-import of the same file\n");
  console.log(caseTable(reimports, false));
  console.log("\nReading the file alone (no validation, no database)\n");
  console.log(caseTable(parse, false));
  console.log("\nWhere the time goes (seconds)\n");
  console.log(phaseTable(phases, false));
  if (!has(args, "no-write")) {
    const path = writeMarkdown({
      n,
      args,
      engines: engines.map((e) => e.version),
      files: fileList.map((f) => ({ label: f.label, size: f.size, write: f.write })),
      results,
      reimports,
      parse,
      phases,
      totalSeconds: (performance.now() - started) / 1000,
      loadAtStart,
    });
    log(`wrote ${path}`);
  }
} finally {
  for (const e of engines) await e.stop();
  await rss.stop();
  rmSync(dir, { recursive: true, force: true });
}
