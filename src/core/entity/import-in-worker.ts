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

/** workerData of import-worker.ts. */
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
  | { type: "batch"; values: unknown[] }
  | { type: "progress"; progress: ImportProgress }
  | { type: "done"; total: number }
  | { type: "failed"; failure: WorkerFailure };

/** "credit": a batch was written; "stop": a write failed, read no further than the next batch. */
export type ToWorker = { type: "credit" } | { type: "stop" };

// Two batches may wait for the database while the worker parses the next one.
const IN_FLIGHT = 2;

const rebuild = (code: ErrorCode, details: unknown): AppError =>
  Reflect.construct(AppError, [code, details]) as AppError;

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
  // execArgv [] : a parent started with `--import tsx` must not load it twice in the worker.
  const worker = new Worker(new URL("./import-worker.mjs", import.meta.url), {
    execArgv: [],
    workerData: job,
  });
  const tell = (m: ToWorker) => worker.postMessage(m);
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
          else resolve({ failure: m.failure });
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
  }
}
