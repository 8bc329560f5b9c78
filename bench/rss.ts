import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";

// The sampler runs in its own thread: the import parses on the main thread in long
// synchronous stretches, and a main-thread timer would miss exactly those peaks.
// rss is process-wide, so the PGlite worker's WASM heap is counted too.
const SAMPLER = `
const { workerData } = require("node:worker_threads");
const cell = new BigInt64Array(workerData.buf);
setInterval(() => {
  const rss = BigInt(process.memoryUsage().rss);
  if (rss > Atomics.load(cell, 0)) Atomics.store(cell, 0, rss);
}, workerData.intervalMs);
`;

export interface RssSampler {
  /** Starts a new window; the current RSS (returned, bytes) is its first sample. */
  reset(): number;
  /** Highest RSS (bytes) seen since the last reset, including right now. */
  peak(): number;
  stop(): Promise<void>;
}

export function startRssSampler(intervalMs = 50): RssSampler {
  const buf = new SharedArrayBuffer(8);
  const cell = new BigInt64Array(buf);
  const worker = new Worker(SAMPLER, { eval: true, workerData: { buf, intervalMs } });
  worker.unref();
  const now = () => BigInt(process.memoryUsage().rss);
  return {
    reset: () => Number(Atomics.store(cell, 0, now())),
    peak: () => Math.max(Number(now()), Number(Atomics.load(cell, 0))),
    stop: async () => {
      await worker.terminate();
    },
  };
}

let gcFn: (() => void) | undefined;

/** Full GC before a case so that its RSS baseline is not the previous case's garbage. */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString("--expose-gc");
    gcFn = runInNewContext("gc") as () => void;
  }
  gcFn();
}

export const mb = (bytes: number) => bytes / 1024 / 1024;
