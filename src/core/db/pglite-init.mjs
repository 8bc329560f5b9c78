// Creates an embedded database folder (initdb) in a process of its own: initdb grows
// PGlite's WASM heap to ~800 MB, which a process never gives back, so the server opens the
// folder afterwards and starts at ~155 MB. Usage: node pglite-init.mjs <dataDir>
import { PGlite } from "@electric-sql/pglite";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: pglite-init.mjs <dataDir>");
const db = new PGlite({ dataDir });
await db.waitReady;
await db.close();
