/**
 * One patent import in a process of its own, as the server would run it: the file is read
 * from disk and nothing else is held, so the peak resident memory printed is the import's
 * (plus, for PGlite, the database's WASM heap). Started by bench/patents-import.ts:
 *   node --import tsx bench/patents-import-child.ts '{"engine":"postgres","url":"…","file":"…","maxRows":N}'
 * Prints one JSON line: { seconds, peakMb, startMb, counts }. For PGlite the database folder
 * is created first by a run with "prepare": true (initdb alone leaves ~800 MB resident in
 * the process that ran it), then opened by the importing run as a server opens its folder.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { cliScope } from "../src/cli/context.ts";
import { openDatabase } from "../src/core/db/index.ts";
import { migrateToLatest } from "../src/core/db/migrate.ts";
import { seedDemo } from "../src/core/demo/seed.ts";
import { keepImportWorkerWarm } from "../src/core/entity/import-in-worker.ts";
import { importPatents, patentParserRef } from "../src/modules/patents/import.ts";
import { collectGarbage } from "./rss.ts";

const args = z
  .object({
    engine: z.enum(["pglite", "postgres"]),
    url: z.string().optional(),
    dataDir: z.string().optional(),
    prepare: z.boolean().default(false),
    file: z.string().default(""),
    maxRows: z.number().int().positive().default(1),
  })
  .parse(JSON.parse(process.argv[2] ?? "{}"));

/** Resident set now and its high-water mark, MB (Linux /proc). */
function residentMb(): { now: number; peak: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function open() {
  const handle =
    args.engine === "pglite"
      ? await openDatabase({ kind: "pglite", dataDir: args.dataDir ?? "" })
      : await openDatabase({ kind: "postgres", url: args.url ?? "" });
  if (args.prepare) {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, { password: "bench-password-1" });
  }
  return { db: handle.db, scope: await cliScope(handle.db, "511126"), close: handle.close };
}

const { db, scope, close } = await open();
try {
  if (args.prepare) process.exit(0);
  // On PostgreSQL the server keeps a parsing worker started (src/cli/serve.ts); so does this
  // process, before the clock and the memory peak start.
  const warm = args.engine === "postgres" ? keepImportWorkerWarm([patentParserRef]) : null;
  await warm?.ready;
  collectGarbage();
  // Writing 5 to clear_refs resets VmHWM: the peak then covers the import only, not set-up.
  writeFileSync("/proc/self/clear_refs", "5");
  const start = residentMb();
  const t0 = performance.now();
  const counts = await importPatents(
    db,
    scope,
    { path: args.file },
    { filename: args.file, maxBytes: 1024 ** 3, maxRows: args.maxRows, today: "2026-11-26" },
  );
  const seconds = (performance.now() - t0) / 1000;
  const end = residentMb();
  console.log(JSON.stringify({ seconds, peakMb: end.peak, startMb: start.now, counts }));
  await warm?.stop();
} finally {
  await close();
}
