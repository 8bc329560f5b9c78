import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/core/db/index.ts";
import { migrateToLatest } from "../../src/core/db/migrate.ts";
import { startTestServer, type TestServer } from "./postgres.ts";
import { databaseUrl, TEMPLATE_DB } from "./provided.ts";
import { snapshotCache } from "./snapshot-cache.ts";

function log(what: string, since: number): void {
  if (process.env.KEGUAN_TEST_TIMINGS) {
    console.log(`[test setup] ${what}: ${Math.round(performance.now() - since)} ms`);
  }
}

async function buildTemplate(adminUrl: string): Promise<void> {
  const t0 = performance.now();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // A reused external server may hold a template from an earlier run (or an older schema).
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({
    kind: "postgres",
    url: databaseUrl(adminUrl, TEMPLATE_DB),
    poolSize: 1,
  });
  try {
    await migrateToLatest(handle.db);
  } finally {
    // Clones fail while anyone is connected to the template.
    await handle.close();
  }
  log("postgres template migrated", t0);
}

/** Returns the path of a migrated PGlite dump, from the cache or built now. */
async function buildSnapshot(dir: string): Promise<string> {
  const t0 = performance.now();
  const cache = snapshotCache();
  const file = join(dir, "pglite-snapshot.tar");
  if (cache.hit) {
    // A private copy: a concurrent run with other migrations may replace the cached file.
    copyFileSync(cache.hit, file);
    log("pglite snapshot (cached)", t0);
    return file;
  }
  const handle = await openDatabase({ kind: "pglite-memory" });
  try {
    await migrateToLatest(handle.db);
    if (handle.engine.kind !== "pglite") throw new Error("expected a PGlite engine");
    // Stored unpacked: PGlite only sniffs gzip after a failed untar, and gunzipping 40 MB
    // on every open costs about a third of the open time.
    const data = gunzipSync(
      new Uint8Array(await (await handle.engine.client.dump()).arrayBuffer()),
    );
    writeFileSync(file, data);
    cache.store(data);
    log("pglite snapshot built", t0);
    return file;
  } finally {
    await handle.close();
  }
}

/** Prepares both engines once per run; test files clone from what this leaves behind. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), "keguan-test-"));
  let server: TestServer | undefined;
  // Vitest exits on SIGINT/SIGTERM without awaiting teardown; clean up on the way out.
  const cleanup = () => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", cleanup);
  const teardown = async () => {
    process.removeListener("exit", cleanup);
    cleanup();
  };
  try {
    const [started, snapshot] = await Promise.all([
      startTestServer().then((s) => {
        server = s;
        log("postgres server ready", t0);
        return buildTemplate(s.url).then(() => s);
      }),
      buildSnapshot(dir),
    ]);
    project.provide("keguanPgAdminUrl", started.url);
    project.provide("keguanPgTemplate", TEMPLATE_DB);
    project.provide("keguanPgliteSnapshot", snapshot);
    log("global setup total", t0);
    return teardown;
  } catch (err) {
    await teardown();
    throw err;
  }
}
