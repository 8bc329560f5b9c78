import { sql } from "kysely";
import { z } from "zod";
import type { Conn, ImportJobState } from "../core/db/schema.ts";
import type { ImportCounts } from "../core/entity/import.ts";
import { AppError } from "../core/errors.ts";

/** What a poll of an import job answers. `error` is the body's `error` of a failed import route. */
export interface ImportJobView {
  jobId: string;
  state: ImportJobState;
  /** Waiting for another import of the same kind to finish before this one can start. */
  queued: boolean;
  filename: string;
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

export interface NewImportJob {
  id: string;
  userId: number;
  entity: string;
  filename: string;
  regionId: number;
  regionPath: string;
  startedAt: Date;
}

export type ImportOutcome =
  | { state: "done"; rows: number; finishedAt: Date; result: ImportCounts }
  | { state: "failed"; rows: number; finishedAt: Date; error: AppError };

const storedCounts = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
const storedError = z.looseObject({ code: z.string(), message: z.string() });

/** Written before the import's transaction starts (on PGlite nothing can be written during it). */
export async function insertImportJob(db: Conn, job: NewImportJob): Promise<void> {
  await db
    .insertInto("import_jobs")
    .values({
      id: job.id,
      user_id: job.userId,
      entity: job.entity,
      filename: job.filename,
      state: "running",
      started_at: job.startedAt,
      region_id: job.regionId,
      region_path: job.regionPath,
    })
    .execute();
}

/** Written once the import's transaction has ended, whichever way. */
export async function finishImportJob(db: Conn, id: string, outcome: ImportOutcome): Promise<void> {
  await db
    .updateTable("import_jobs")
    .set({
      state: outcome.state,
      rows: outcome.rows,
      finished_at: outcome.finishedAt,
      result: outcome.state === "done" ? JSON.stringify(outcome.result) : null,
      error: outcome.state === "failed" ? JSON.stringify(outcome.error.toJSON()) : null,
    })
    .where("id", "=", id)
    .execute();
}

/** How often a server on PostgreSQL marks its running jobs alive (heartbeat_at). */
export const HEARTBEAT_MS = 15_000;
/** A running job nobody has marked alive for this long belonged to a process that died. */
export const STALE_AFTER_MS = 4 * HEARTBEAT_MS;

/** Marks the jobs `ids` (those still running) alive now. */
export async function touchImportJobs(db: Conn, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("import_jobs")
    .set((eb) => ({ heartbeat_at: eb.fn("now") }))
    .where("id", "in", ids)
    .where("state", "=", "running")
    .execute();
}

/**
 * Marks 'running' jobs of dead processes interrupted (their transaction was rolled back with
 * them); returns how many. `staleAfterMs` null: every running job, for a database only this
 * process can open (the embedded one, at startup); otherwise only jobs not marked alive for
 * that long, so the jobs of another live server on the same PostgreSQL database are kept.
 */
export async function markInterruptedJobs(
  db: Conn,
  opts: { staleAfterMs: number | null },
): Promise<number> {
  const error = JSON.stringify(new AppError("IMPORT_INTERRUPTED").toJSON());
  const { staleAfterMs } = opts;
  let q = db
    .updateTable("import_jobs")
    .set((eb) => ({ state: "interrupted", finished_at: eb.fn("now"), error }))
    .where("state", "=", "running");
  if (staleAfterMs !== null)
    q = q.where(
      "heartbeat_at",
      "<",
      sql<Date>`now() - make_interval(secs => ${staleAfterMs / 1000})`,
    );
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

type Row = {
  id: string;
  state: ImportJobState;
  filename: string;
  rows: number;
  started_at: Date;
  finished_at: Date | null;
  result: unknown;
  error: unknown;
};

const COLUMNS = [
  "id",
  "state",
  "filename",
  "rows",
  "started_at",
  "finished_at",
  "result",
  "error",
] as const;

function viewOfRow(row: Row): ImportJobView {
  const result = storedCounts.safeParse(row.result);
  const error = storedError.safeParse(row.error);
  return {
    jobId: row.id,
    state: row.state,
    queued: false,
    filename: row.filename,
    rows: row.rows,
    bytes: null,
    totalBytes: null,
    percent: row.state === "done" ? 100 : null,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    ...(result.success ? { result: result.data } : {}),
    // Stored bodies are AppError bodies; the cast only restores the code's literal type.
    ...(error.success ? { error: error.data as ReturnType<AppError["toJSON"]> } : {}),
  };
}

/** One stored job of `userId`; undefined for an unknown or someone else's job. */
export async function findImportJob(
  db: Conn,
  entity: string,
  id: string,
  userId: number,
): Promise<ImportJobView | undefined> {
  const row = await db
    .selectFrom("import_jobs")
    .select(COLUMNS)
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("entity", "=", entity)
    .executeTakeFirst();
  return row ? viewOfRow(row) : undefined;
}

/** The user's latest jobs of one kind, newest first. */
export async function listImportJobs(
  db: Conn,
  entity: string,
  userId: number,
  limit: number,
): Promise<ImportJobView[]> {
  const rows = await db
    .selectFrom("import_jobs")
    .select(COLUMNS)
    .where("user_id", "=", userId)
    .where("entity", "=", entity)
    .orderBy("started_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(viewOfRow);
}
