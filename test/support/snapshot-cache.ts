import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MIGRATIONS_DIR } from "../../src/core/db/migrate.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE_DIR = join(ROOT, "node_modules", ".cache", "keguan-test");

/**
 * Building a migrated PGlite from nothing costs ~5 s (PGlite's initdb); the result only
 * depends on the migrations, the migration runner and the PGlite build, so reruns reuse it.
 */
function cacheKey(): string {
  const h = createHash("sha256");
  const inputs = [
    join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json"),
    join(ROOT, "node_modules", "kysely", "package.json"),
    join(ROOT, "src", "core", "db", "migrate.ts"),
    join(ROOT, "src", "core", "db", "pglite-worker.mjs"),
    ...readdirSync(MIGRATIONS_DIR)
      .sort()
      .map((f) => join(MIGRATIONS_DIR, f)),
  ];
  for (const file of inputs) {
    h.update(file.slice(ROOT.length));
    h.update("\0");
    h.update(readFileSync(file));
    h.update("\0");
  }
  return h.digest("hex").slice(0, 24);
}

export interface SnapshotCache {
  /** The cached file if there is one for the current inputs. */
  hit: string | undefined;
  /** Stores a freshly built snapshot (atomically) and drops stale ones. */
  store(data: Uint8Array): void;
}

export function snapshotCache(): SnapshotCache {
  if (process.env.KEGUAN_TEST_NO_CACHE) return { hit: undefined, store: () => {} };
  const name = `pglite-${cacheKey()}.tar`;
  const file = join(CACHE_DIR, name);
  return {
    hit: existsSync(file) ? file : undefined,
    store(data) {
      mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, file);
      for (const old of readdirSync(CACHE_DIR)) {
        if (old.startsWith("pglite-") && old !== name)
          rmSync(join(CACHE_DIR, old), { force: true });
      }
    },
  };
}
