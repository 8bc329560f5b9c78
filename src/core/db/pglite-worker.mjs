// PGlite runs queries on the calling thread and blocks it for the whole query, so the
// server keeps it in this worker. Plain JavaScript so that it runs without a TS loader.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, types } from "@electric-sql/pglite";

// Same conventions as the pg driver (see pg.ts): DATE as text, int8 and numeric as numbers.
const parsers = {
  [types.INT8]: (v) => Number(v),
  [types.NUMERIC]: (v) => Number(v),
  [types.DATE]: (v) => v,
};

/** @type {PGlite | undefined} */
let db;

function serializeError(err) {
  const e = /** @type {Record<string, unknown>} */ (err ?? {});
  return {
    message: String(e.message ?? err),
    code: e.code,
    constraint: e.constraint,
    detail: e.detail,
    table: e.table,
    column: e.column,
  };
}

async function handle(msg) {
  switch (msg.type) {
    case "open": {
      db = new PGlite({
        dataDir: msg.dataDir ?? undefined,
        loadDataDir: msg.loadDataDir ?? undefined,
        relaxedDurability: msg.relaxedDurability ?? false,
        // Server settings (e.g. shared_buffers) given as `-c name=value` on start: PGlite
        // zero-fills its buffer pool in the WASM heap, so its size is resident memory.
        startParams: [
          ...PGlite.defaultStartParams,
          ...(msg.settings ?? []).flatMap((setting) => ["-c", setting]),
        ],
        parsers,
      });
      await db.waitReady;
      return {};
    }
    case "query": {
      if (!db) throw new Error("database not open");
      if (msg.params.length === 0 && !msg.blob && msg.multi) {
        const results = await db.exec(msg.sql);
        const last = results[results.length - 1];
        return { rows: last?.rows ?? [], affectedRows: last?.affectedRows };
      }
      const r = await db.query(msg.sql, msg.params, { blob: msg.blob ?? undefined });
      return { rows: r.rows, affectedRows: r.affectedRows, blob: r.blob };
    }
    case "dump": {
      if (!db) throw new Error("database not open");
      return { blob: await db.dumpDataDir(msg.compression ?? "gzip") };
    }
    case "close": {
      if (db && !db.closed) await db.close();
      return {};
    }
    default:
      throw new Error(`unknown message ${msg.type}`);
  }
}

parentPort?.on("message", async (msg) => {
  try {
    const result = await handle(msg);
    parentPort?.postMessage({ id: msg.id, ok: true, ...result });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: serializeError(err) });
  }
});

if (workerData?.ready) parentPort?.postMessage({ id: 0, ok: true });
