import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { BenchDb } from "./engines.ts";
import type { BenchUnit } from "./rows.ts";

const COPY_COLUMNS = "region_id, region_path, name, kind, contact, phone";

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV chunks for COPY, with the town names resolved to region id and path. */
function* copyChunks(
  rows: BenchUnit[],
  town: Map<string, { id: number; path: string }>,
): Generator<string> {
  let buf = "";
  for (const r of rows) {
    const region = town.get(r.town);
    if (!region) throw new Error(`unknown town ${r.town}`);
    buf += `${region.id},${csvField(region.path)},${csvField(r.name)},${csvField(r.kind)},${csvField(r.contact)},${csvField(r.phone)}\n`;
    if (buf.length > 256 * 1024) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

/** The regions of the demo county by name: what the import resolves 所属地区 against. */
export async function townsByName(
  bench: BenchDb,
): Promise<Map<string, { id: number; path: string }>> {
  const regions = await bench.handle.db
    .selectFrom("regions")
    .select(["id", "name", "path"])
    .where("path", "like", `${bench.scope.regionPath}%`)
    .execute();
  return new Map(regions.map((r) => [r.name, { id: r.id, path: r.path }]));
}

/**
 * The floor an import is compared with: the same rows, already resolved, COPYed straight
 * into `units` (no validation, no upsert lookups, no audit). Timed from the in-memory rows,
 * so the CSV serialisation is inside the measurement.
 */
export async function copyUnits(
  bench: BenchDb,
  rows: BenchUnit[],
  town: Map<string, { id: number; path: string }>,
): Promise<void> {
  const { engine } = bench.handle;
  if (engine.kind === "postgres") {
    const client = await engine.pool.connect();
    try {
      const sink = client.query(
        copyFrom(`COPY units (${COPY_COLUMNS}) FROM STDIN WITH (FORMAT csv)`),
      );
      await pipeline(Readable.from(copyChunks(rows, town)), sink);
    } finally {
      client.release();
    }
    return;
  }
  const blob = new Blob([...copyChunks(rows, town)], { type: "text/csv" });
  await engine.client.query(`COPY units (${COPY_COLUMNS}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
    blob,
  });
}
