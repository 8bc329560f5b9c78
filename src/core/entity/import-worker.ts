/**
 * The worker-thread side of streamImportInWorker (import-in-worker.ts). A worker starts idle
 * (it may be started ahead of an import: keepImportWorkerWarm), loads the parser modules it
 * was told of, says "ready", then runs the ordinary streamImport over the file of the first
 * job it gets and posts each valid batch to the main thread, which writes it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "../errors.ts";
import { type RowParser, streamImport } from "./import.ts";
import type {
  FromWorker,
  ToWorker,
  WorkerFailure,
  WorkerJob,
  WorkerStart,
} from "./import-in-worker.ts";

/** The main thread's write failed: reading stops at the next batch, as in streamImport. */
class WritesStopped extends Error {}

const port = parentPort;
if (!port) throw new Error("import-worker.ts runs only in a worker thread");
const start = workerData as WorkerStart;
const post = (m: FromWorker) => port.postMessage(m);

// Batches posted and not yet written: at most `inFlight`, so memory stays flat however
// far parsing gets ahead of the database.
let credits = 0;
let stopped = false;
let wake: (() => void) | null = null;
let started = false;
port.on("message", (m: ToWorker) => {
  if (m.type === "job") {
    // One job per worker: it ends with the import.
    if (!started) void run(m.job);
    started = true;
    return;
  }
  if (m.type === "credit") credits += 1;
  else stopped = true;
  wake?.();
  wake = null;
});

async function onBatch(values: unknown[]): Promise<void> {
  while (credits === 0 && !stopped) await new Promise<void>((r) => (wake = r));
  if (stopped) throw new WritesStopped();
  credits -= 1;
  post({ type: "batch", values });
}

function serialise(err: unknown): WorkerFailure {
  if (err instanceof WritesStopped) return { kind: "writes-stopped" };
  // Details are plain data (IMPORT_INVALID's rows included), so they clone intact.
  if (isAppError(err)) return { kind: "app", code: err.code, details: err.details };
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: "other", message: e.message, stack: e.stack };
}

async function run(job: WorkerJob): Promise<void> {
  credits = job.inFlight;
  try {
    const mod = (await import(job.parserModule)) as Record<string, unknown>;
    const parser = mod[job.parserExport] as RowParser<unknown> | undefined;
    if (!parser?.def) throw new Error(`${job.parserModule} exports no parser ${job.parserExport}`);
    const { total } = await streamImport(
      { path: job.path },
      {
        ...job.opts,
        onProgress: job.progress ? (progress) => post({ type: "progress", progress }) : undefined,
      },
      parser,
      onBatch,
    );
    post({ type: "done", total });
  } catch (err) {
    post({ type: "failed", failure: serialise(err) });
  }
}

// Loaded now, so that a job finds them compiled; a module that fails to load fails its job.
await Promise.all(start.preload.map((m) => import(m).catch(() => {})));
post({ type: "ready" });
