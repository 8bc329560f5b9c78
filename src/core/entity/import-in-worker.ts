import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "../errors.ts";
import type { ImportProgress, StreamImportOptions } from "./import.ts";

/** A parser (RowParser) the worker loads itself: functions cannot be posted to a thread. */
export interface ParserRef {
  /** URL of the module, e.g. `new URL("./import-parser.ts", import.meta.url).href`. */
  module: string;
  /** Name of the exported RowParser constant. */
  export: string;
}

/** workerData of import-worker.ts: the parser modules to load before any job arrives. */
export interface WorkerStart {
  preload: string[];
}

/** The one job of an import worker, its first message. */
export interface WorkerJob {
  path: string;
  parserModule: string;
  parserExport: string;
  opts: Pick<StreamImportOptions, "filename" | "maxBytes" | "maxRows" | "batchSize">;
  progress: boolean;
  inFlight: number;
}

export type WorkerFailure =
  | { kind: "app"; code: ErrorCode; details: unknown }
  | { kind: "writes-stopped" }
  | { kind: "other"; message: string; stack?: string };

export type FromWorker =
  | { type: "ready" }
  | { type: "batch"; values: unknown[] }
  | { type: "progress"; progress: ImportProgress }
  | { type: "done"; total: number }
  | { type: "failed"; failure: WorkerFailure };

/** "credit": a batch was written; "stop": a write failed, read no further than the next batch. */
export type ToWorker = { type: "job"; job: WorkerJob } | { type: "credit" } | { type: "stop" };

// Two batches may wait for the database while the worker parses the next one.
const IN_FLIGHT = 2;

const rebuild = (code: ErrorCode, details: unknown): AppError =>
  Reflect.construct(AppError, [code, details]) as AppError;

function startWorker(preload: string[]): Worker {
  const start: WorkerStart = { preload };
  // execArgv [] : a parent started with `--import tsx` must not load it twice in the worker.
  return new Worker(new URL("./import-worker.mjs", import.meta.url), {
    execArgv: [],
    workerData: start,
  });
}

/** A worker started ahead of the next import, and what it preloads; see keepImportWorkerWarm. */
interface Spare {
  worker: Worker;
  ready: Promise<void>;
}
let warm: { preload: string[]; spare: Spare | null } | null = null;

function startSpare(preload: string[]): Spare {
  const worker = startWorker(preload);
  // An idle spare keeps no process alive (a CLI run, a test, a server shutting down).
  worker.unref();
  const ready = new Promise<void>((resolve) => {
    worker.once("message", () => resolve());
    worker.once("exit", () => resolve());
  });
  worker.once("exit", () => {
    if (warm?.spare?.worker === worker) warm.spare = null;
  });
  // A spare that fails while idle (its loader or modules) just exits, and the next import
  // starts its own; unheard, the error would end the server.
  worker.on("error", () => {});
  return { worker, ready };
}

/**
 * Keeps one import worker started and its modules loaded ahead of the next import (the
 * server does this on PostgreSQL): starting one costs ~0.5 s (the TypeScript loader and the
 * reading code), which an import then no longer waits for. The worker taken by an import is
 * replaced once that import ends. `ready` resolves when the first spare has loaded; `stop`
 * ends the keeping.
 */
export function keepImportWorkerWarm(parsers: ParserRef[]): {
  ready: Promise<void>;
  stop: () => Promise<void>;
} {
  const preload = parsers.map((p) => p.module);
  const spare = startSpare(preload);
  warm = { preload, spare };
  const stop = async () => {
    const left = warm?.spare;
    warm = null;
    await left?.worker.terminate();
  };
  return { ready: spare.ready, stop };
}

/** The thread id of the spare worker, if one is kept (for tests and diagnostics). */
export function spareImportWorker(): number | null {
  return warm?.spare?.worker.threadId ?? null;
}

/**
 * The spare worker if one is ready, else a new one; while workers are kept warm, the next
 * spare is started once this import ends.
 */
function takeWorker(): { worker: Worker; replace: () => void } {
  const w = warm;
  if (!w) return { worker: startWorker([]), replace: () => {} };
  const spare = w.spare;
  w.spare = null;
  spare?.worker.ref();
  return {
    worker: spare?.worker ?? startWorker(w.preload),
    replace: () => {
      if (warm === w && !w.spare) w.spare = startSpare(w.preload);
    },
  };
}

/**
 * streamImport for a file on disk, with the reading, coercion and validation in a worker
 * thread: a list of a million rows then costs the main thread (the server's event loop)
 * only the writes. Same contract as streamImport: valid rows reach `onBatch` in order,
 * one call at a time; bad rows throw IMPORT_INVALID (which wins over a failed write);
 * resolves with the row count. The worker is ended however the import ends.
 */
export async function streamImportInWorker<T>(
  path: string,
  opts: StreamImportOptions,
  parser: ParserRef,
  onBatch: (values: T[]) => Promise<void>,
): Promise<{ total: number }> {
  const job: WorkerJob = {
    path,
    parserModule: parser.module,
    parserExport: parser.export,
    opts: {
      filename: opts.filename,
      maxBytes: opts.maxBytes,
      maxRows: opts.maxRows,
      batchSize: opts.batchSize,
    },
    progress: opts.onProgress !== undefined,
    inFlight: IN_FLIGHT,
  };
  const { worker, replace } = takeWorker();
  const tell = (m: ToWorker) => worker.postMessage(m);
  tell({ type: "job", job });
  // Writes run one after another, in the order the batches arrive; never rejects.
  let writes: Promise<void> = Promise.resolve();
  let writeFailure: { error: unknown } | null = null;
  try {
    const outcome = await new Promise<{ total: number } | { failure: WorkerFailure }>(
      (resolve, reject) => {
        worker.on("message", (m: FromWorker) => {
          if (m.type === "batch") {
            writes = writes.then(async () => {
              if (writeFailure) return;
              try {
                await onBatch(m.values as T[]);
                tell({ type: "credit" });
              } catch (error) {
                writeFailure = { error };
                tell({ type: "stop" });
              }
            });
          } else if (m.type === "progress") opts.onProgress?.(m.progress);
          else if (m.type === "done") resolve({ total: m.total });
          else if (m.type === "failed") resolve({ failure: m.failure });
        });
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`import worker exited early (${code})`)));
      },
    );
    // The caller's transaction must not roll back under a write still in flight.
    await writes;
    const failed = writeFailure as { error: unknown } | null;
    if ("total" in outcome) {
      if (failed) throw failed.error;
      return outcome;
    }
    const f = outcome.failure;
    if (f.kind === "app") throw rebuild(f.code, f.details);
    if (f.kind === "writes-stopped") throw failed ? failed.error : new Error("import stopped");
    const e = new Error(f.message);
    e.stack = f.stack;
    throw e;
  } catch (err) {
    await writes;
    throw err;
  } finally {
    await worker.terminate();
    replace();
  }
}
