import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";

export interface DbErrorInfo {
  message: string;
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
}

/** An error raised by the database engine, with the fields the error mapper needs. */
export class DatabaseEngineError extends Error {
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly detail: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  constructor(info: DbErrorInfo) {
    super(info.message);
    this.name = "DatabaseEngineError";
    this.code = info.code;
    this.constraint = info.constraint;
    this.detail = info.detail;
    this.table = info.table;
    this.column = info.column;
  }
}

export interface WorkerQueryResult {
  rows: Record<string, unknown>[];
  affectedRows?: number;
  blob?: Blob;
}

type Reply = { id: number; ok: true } & Partial<WorkerQueryResult> & { blob?: Blob };
type Failure = { id: number; ok: false; error: DbErrorInfo };

export interface PgliteOpenOptions {
  /** Folder for the data; omit for an in-memory database. */
  dataDir?: string;
  /** A dump (from `dump()`) to start from, e.g. a migrated snapshot in tests. */
  loadDataDir?: Blob;
  relaxedDurability?: boolean;
  /** PGlite's buffer pool; it is zero-filled at start, so all of it is resident memory. */
  sharedBuffersMb?: number;
}

/**
 * 32 MB instead of PostgreSQL's 128: a PGlite process opens at ~155 MB instead of ~280 MB
 * (measured, .tmp/pgl-mem.mjs), and the table files are still cached by the OS.
 */
export const DEFAULT_SHARED_BUFFERS_MB = 32;

const run = promisify(execFile);

/** True when `dataDir` holds no database yet (PGlite would run initdb). */
function isFresh(dataDir: string): boolean {
  return !existsSync(join(dataDir, "PG_VERSION"));
}

/** A PGlite instance living in a worker thread; every call is a message round trip. */
export class PgliteClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: Reply) => void; reject: (e: Error) => void }
  >();
  private closed = false;

  private constructor() {
    this.worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url));
    this.worker.on("message", (msg: Reply | Failure) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg);
      else p.reject(new DatabaseEngineError(msg.error));
    });
    this.worker.on("error", (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  static async open(options: PgliteOpenOptions): Promise<PgliteClient> {
    const { sharedBuffersMb = DEFAULT_SHARED_BUFFERS_MB, ...rest } = options;
    const msg = { type: "open", ...rest, settings: [`shared_buffers=${sharedBuffersMb}MB`] };
    if (options.dataDir && isFresh(options.dataDir) && !options.loadDataDir) {
      // initdb leaves ~800 MB in the WASM heap, which never shrinks (a thread's heap is not
      // all given back either): the folder is created by a process of its own.
      const script = fileURLToPath(new URL("./pglite-init.mjs", import.meta.url));
      await run(process.execPath, [script, options.dataDir]);
    }
    const client = new PgliteClient();
    await client.call(msg);
    return client;
  }

  private call(msg: Record<string, unknown>): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error("PGlite client is closed"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  async query(
    sql: string,
    params: readonly unknown[] = [],
    options: { blob?: Blob; multi?: boolean } = {},
  ): Promise<WorkerQueryResult> {
    const r = await this.call({ type: "query", sql, params, ...options });
    return { rows: r.rows ?? [], affectedRows: r.affectedRows, blob: r.blob };
  }

  /** A gzip tarball of the data directory (PGlite's own format). */
  async dump(): Promise<Blob> {
    const r = await this.call({ type: "dump" });
    if (!r.blob) throw new Error("PGlite returned no dump");
    return r.blob;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call({ type: "close" });
    this.closed = true;
    await this.worker.terminate();
  }
}
