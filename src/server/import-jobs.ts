import { randomUUID } from "node:crypto";
import { mapDbError } from "../core/db-errors.ts";
import type { ImportCounts, ImportProgress } from "../core/entity/import.ts";
import { AppError, isAppError } from "../core/errors.ts";

/** What a poll of an import job answers. `error` is the body's `error` of a failed import route. */
export interface ImportJobView {
  jobId: string;
  state: "running" | "done" | "failed";
  rows: number;
  bytes: number | null;
  totalBytes: number | null;
  /** 0-100 by bytes when the total is known, else null (the UI then shows rows only). */
  percent: number | null;
  startedAt: string;
  finishedAt: string | null;
  result?: ImportCounts;
  error?: ReturnType<AppError["toJSON"]>;
}

interface Job {
  id: string;
  ownerId: number;
  startedAt: Date;
  finishedAt: Date | null;
  progress: ImportProgress;
  result?: ImportCounts;
  error?: AppError;
  done: Promise<void>;
}

export type ImportRunner = (onProgress: (p: ImportProgress) => void) => Promise<ImportCounts>;

/** The AppError the error handler would answer with for `err` (unknown errors become INTERNAL). */
function asAppError(err: unknown): { appErr: AppError; unexpected: boolean } {
  if (isAppError(err)) return { appErr: err, unexpected: false };
  const mapped = mapDbError(err);
  return mapped
    ? { appErr: mapped, unexpected: false }
    : { appErr: new AppError("INTERNAL"), unexpected: true };
}

function percentOf(p: ImportProgress, finished: boolean): number | null {
  if (finished) return 100;
  if (!p.totalBytes || p.bytes === undefined) return null;
  // Reading ends before the last batch is written: hold 99 until the job really finishes.
  return Math.min(99, Math.floor((p.bytes / p.totalBytes) * 100));
}

/**
 * Background imports, held in memory: a job belongs to the user who started it and is
 * forgotten `ttlMs` after it ends (a restart forgets every job; the import itself is one
 * transaction, so an interrupted job leaves nothing half-written).
 */
export class ImportJobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly ttlMs: number;
  private readonly onUnexpected: (err: unknown) => void;

  constructor(opts: { ttlMs?: number; onUnexpected?: (err: unknown) => void } = {}) {
    this.ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.onUnexpected = opts.onUnexpected ?? (() => {});
  }

  /** Starts `run` now; `cleanup` (e.g. deleting the uploaded file) runs whatever the outcome. */
  start(ownerId: number, run: ImportRunner, cleanup: () => Promise<void>): string {
    this.sweep();
    const id = randomUUID();
    const job: Job = {
      id,
      ownerId,
      startedAt: new Date(),
      finishedAt: null,
      progress: { rows: 0 },
      done: Promise.resolve(),
    };
    job.done = run((p) => {
      job.progress = p;
    })
      .then((result) => {
        job.result = result;
      })
      .catch((err: unknown) => {
        const { appErr, unexpected } = asAppError(err);
        if (unexpected) this.onUnexpected(err);
        job.error = appErr;
      })
      .finally(async () => {
        // The file goes before the job reads as finished, so "done" means nothing is left over.
        await cleanup().catch((err: unknown) => this.onUnexpected(err));
        job.finishedAt = new Date();
      });
    this.jobs.set(id, job);
    return id;
  }

  /** The job as its owner sees it; null for an unknown, expired or someone else's job. */
  view(jobId: string, ownerId: number): ImportJobView | null {
    this.sweep();
    const job = this.jobs.get(jobId);
    if (!job || job.ownerId !== ownerId) return null;
    const finished = job.finishedAt !== null;
    const state = !finished ? "running" : job.error ? "failed" : "done";
    return {
      jobId: job.id,
      state,
      rows: job.progress.rows,
      bytes: job.progress.bytes ?? null,
      totalBytes: job.progress.totalBytes ?? null,
      percent: percentOf(job.progress, state === "done"),
      startedAt: job.startedAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      ...(job.result ? { result: job.result } : {}),
      ...(job.error ? { error: job.error.toJSON() } : {}),
    };
  }

  /** Waits for every running job (server shutdown: the database must outlive them). */
  async drain(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - job.finishedAt.getTime() > this.ttlMs) this.jobs.delete(id);
    }
  }
}
