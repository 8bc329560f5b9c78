import { randomUUID } from "node:crypto";
import type { Db } from "../core/db/schema.ts";
import { mapDbError } from "../core/db-errors.ts";
import type { ImportCounts, ImportProgress } from "../core/entity/import.ts";
import { AppError, isAppError } from "../core/errors.ts";
import {
  findImportJob,
  finishImportJob,
  type ImportJobView,
  insertImportJob,
  listImportJobs,
  markInterruptedJobs,
  touchImportJobs,
} from "./import-job-store.ts";

export type { ImportJobView } from "./import-job-store.ts";

interface Job {
  id: string;
  ownerId: number;
  filename: string;
  startedAt: Date;
  finishedAt: Date | null;
  queued: boolean;
  progress: ImportProgress;
  result?: ImportCounts;
  error?: AppError;
  done: Promise<void>;
}

/** Who starts a job: the job is theirs, and is filed under their current region. */
export interface JobOwner {
  userId: number;
  regionId: number;
  regionPath: string;
}

export interface ImportHooks {
  onProgress: (p: ImportProgress) => void;
  /** true while the import waits for another one to finish, false once it runs. */
  onQueued: (waiting: boolean) => void;
}

export type ImportRunner = (hooks: ImportHooks) => Promise<ImportCounts>;

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
 * Background imports of one entity. A job is held in memory while it runs (progress) and
 * for `ttlMs` after; its row in import_jobs is written before the import's transaction and
 * after it, never during (on PGlite that transaction holds the only connection). A user runs
 * one job at a time.
 */
export class ImportJobRegistry {
  private readonly jobs = new Map<string, Job>();
  private readonly db: Db;
  private readonly entity: string;
  private readonly ttlMs: number;
  private readonly onUnexpected: (err: unknown) => void;
  private readonly heartbeat: NodeJS.Timeout | null;

  /**
   * `heartbeat` (PostgreSQL, where other servers may share the database): every `everyMs`
   * this process marks its running jobs alive and marks interrupted the running jobs nobody
   * has marked alive for `staleAfterMs` (a server that died while this one runs). Omitted on
   * the embedded database, where nothing can be written while an import runs and no other
   * process can open it.
   */
  constructor(opts: {
    db: Db;
    entity: string;
    ttlMs?: number;
    onUnexpected?: (err: unknown) => void;
    heartbeat?: { everyMs: number; staleAfterMs: number };
  }) {
    this.db = opts.db;
    this.entity = opts.entity;
    this.ttlMs = opts.ttlMs ?? 60 * 60 * 1000;
    this.onUnexpected = opts.onUnexpected ?? (() => {});
    const beat = opts.heartbeat;
    this.heartbeat = beat
      ? setInterval(() => void this.beat(beat.staleAfterMs), beat.everyMs).unref()
      : null;
  }

  private async beat(staleAfterMs: number): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.finishedAt === null);
    try {
      await touchImportJobs(
        this.db,
        running.map((j) => j.id),
      );
      await markInterruptedJobs(this.db, { staleAfterMs });
    } catch (err) {
      this.onUnexpected(err);
    }
  }

  /** IMPORT_BUSY when `userId` already has a job running, so nothing needs uploading. */
  assertIdle(userId: number): void {
    for (const job of this.jobs.values()) {
      if (job.ownerId === userId && job.finishedAt === null)
        throw new AppError("IMPORT_BUSY", { rows: job.progress.rows });
    }
  }

  /**
   * Starts `run` now; `cleanup` (e.g. deleting the uploaded file) runs whatever the outcome,
   * also when the owner already has a job running (IMPORT_BUSY, thrown after the cleanup).
   */
  async start(
    owner: JobOwner,
    filename: string,
    run: ImportRunner,
    cleanup: () => Promise<void>,
  ): Promise<string> {
    this.sweep();
    try {
      this.assertIdle(owner.userId);
    } catch (err) {
      await cleanup();
      throw err;
    }
    const job: Job = {
      id: randomUUID(),
      ownerId: owner.userId,
      filename,
      startedAt: new Date(),
      finishedAt: null,
      queued: false,
      progress: { rows: 0 },
      done: Promise.resolve(),
    };
    // Registered before the first await, so a second start by the same user sees it.
    this.jobs.set(job.id, job);
    job.done = this.execute(job, owner, run, cleanup);
    return job.id;
  }

  private async execute(
    job: Job,
    owner: JobOwner,
    run: ImportRunner,
    cleanup: () => Promise<void>,
  ): Promise<void> {
    try {
      await insertImportJob(this.db, {
        id: job.id,
        userId: owner.userId,
        entity: this.entity,
        filename: job.filename,
        regionId: owner.regionId,
        regionPath: owner.regionPath,
        startedAt: job.startedAt,
      });
      job.result = await run({
        onProgress: (p) => {
          job.progress = p;
        },
        onQueued: (waiting) => {
          job.queued = waiting;
        },
      });
    } catch (err) {
      const { appErr, unexpected } = asAppError(err);
      if (unexpected) this.onUnexpected(err);
      job.error = appErr;
    }
    job.queued = false;
    const finishedAt = new Date();
    const rows = job.progress.rows;
    await finishImportJob(
      this.db,
      job.id,
      job.error
        ? { state: "failed", rows, finishedAt, error: job.error }
        : { state: "done", rows, finishedAt, result: job.result ?? emptyCounts },
    ).catch((err: unknown) => this.onUnexpected(err));
    // The file goes before the job reads as finished, so "done" means nothing is left over.
    await cleanup().catch((err: unknown) => this.onUnexpected(err));
    job.finishedAt = finishedAt;
  }

  /** The job as its owner sees it, from memory; null for unknown, expired or others' jobs. */
  view(jobId: string, ownerId: number): ImportJobView | null {
    this.sweep();
    const job = this.jobs.get(jobId);
    if (!job || job.ownerId !== ownerId) return null;
    const finished = job.finishedAt !== null;
    const state = !finished ? "running" : job.error ? "failed" : "done";
    return {
      jobId: job.id,
      state,
      queued: job.queued,
      filename: job.filename,
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

  /** The job from memory, else from import_jobs (ended, or from before a restart). */
  async find(jobId: string, ownerId: number): Promise<ImportJobView | null> {
    return (
      this.view(jobId, ownerId) ??
      (await findImportJob(this.db, this.entity, jobId, ownerId)) ??
      null
    );
  }

  /** The owner's latest `limit` jobs, newest first, running ones with their live progress. */
  async list(ownerId: number, limit = 10): Promise<ImportJobView[]> {
    const stored = await listImportJobs(this.db, this.entity, ownerId, limit);
    const byId = new Map(stored.map((s) => [s.jobId, s]));
    // A job whose row is not written yet (or could not be) is still the owner's.
    for (const job of this.jobs.values()) {
      const live = this.view(job.id, ownerId);
      if (live) byId.set(live.jobId, live);
    }
    return [...byId.values()]
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, limit);
  }

  /** Waits for every running job (server shutdown: the database must outlive them). */
  async drain(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((j) => j.done));
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - job.finishedAt.getTime() > this.ttlMs) this.jobs.delete(id);
    }
  }
}

const emptyCounts: ImportCounts = { total: 0, created: 0, updated: 0, unchanged: 0 };
