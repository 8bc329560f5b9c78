import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isEmbedded } from "../../core/db/index.ts";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import {
  HEARTBEAT_MS,
  markInterruptedJobs,
  STALE_AFTER_MS,
} from "../../server/import-job-store.ts";
import { ImportJobRegistry } from "../../server/import-jobs.ts";
import { spoolUpload } from "../../server/upload-spool.ts";
import { patentEntity } from "./entities.ts";
import { importPatents } from "./import.ts";

const counts = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
const jobDto = z.object({
  jobId: z.string(),
  state: z.enum(["running", "done", "failed", "interrupted"]),
  queued: z.boolean(),
  filename: z.string(),
  rows: z.number(),
  bytes: z.number().nullable(),
  totalBytes: z.number().nullable(),
  percent: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  result: counts.optional(),
  // The same object a failed synchronous import answers under `error` (code, message, rows…).
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
});

/**
 * Patent lists too big to wait for in one request: the upload is spooled to the data
 * dir's tmp folder, imported in the background, and polled for progress.
 */
export function patentImportJobRoutes(
  db: Db,
  opts: { uploadMaxMb: number; tmpDir: string; today: () => string },
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // No job of this process runs yet: a stored 'running' one died with an earlier process,
    // unless (PostgreSQL) another server still marks it alive.
    const shared = !isEmbedded(db);
    await markInterruptedJobs(db, { staleAfterMs: shared ? STALE_AFTER_MS : null });
    const jobs = new ImportJobRegistry({
      db,
      entity: "patent",
      onUnexpected: (err) => app.log.error({ err }, "patent import job failed"),
      ...(shared ? { heartbeat: { everyMs: HEARTBEAT_MS, staleAfterMs: STALE_AFTER_MS } } : {}),
    });
    app.addHook("onClose", () => jobs.drain());
    const config = { entity: patentEntity };
    const tags = ["patents"];

    r.post(
      "/api/patents/import-jobs",
      {
        preHandler: requireLedgerWrite,
        config,
        schema: {
          tags,
          querystring: z.object({ regionId: z.coerce.number().int().positive().optional() }),
          response: { 202: z.object({ jobId: z.string() }) },
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        // Refused before the upload is read; start() checks again for two racing requests.
        jobs.assertIdle(scope.userId);
        const file = await spoolUpload(req, opts.uploadMaxMb, opts.tmpDir);
        const jobId = await jobs.start(
          { userId: scope.userId, regionId: scope.regionId, regionPath: scope.regionPath },
          file.filename,
          ({ onProgress, onQueued }) =>
            importPatents(
              db,
              scope,
              { path: file.path },
              {
                filename: file.filename,
                maxBytes: opts.uploadMaxMb * 1048576,
                // A background job takes the whole list: the size limit is the only bound.
                maxRows: Number.MAX_SAFE_INTEGER,
                regionId: req.query.regionId,
                today: opts.today(),
                onProgress,
                onQueued,
              },
            ),
          file.remove,
        );
        return reply.status(202).send({ jobId });
      },
    );

    r.get(
      "/api/patents/import-jobs",
      {
        preHandler: requireLedgerWrite,
        config,
        schema: { tags, response: { 200: z.object({ items: z.array(jobDto) }) } },
      },
      async (req) => ({ items: await jobs.list(scopeOf(req).userId, 10) }),
    );

    r.get(
      "/api/patents/import-jobs/:jobId",
      {
        preHandler: requireLedgerWrite,
        // Answered from a session seen in the last minute: on PGlite the import holds the
        // only connection, and progress must still reach the page.
        config: { ...config, recentSession: true },
        schema: {
          tags,
          params: z.object({ jobId: z.string().max(64) }),
          response: { 200: jobDto },
        },
      },
      async (req) => {
        const view = await jobs.find(req.params.jobId, scopeOf(req).userId);
        if (!view) throw new AppError("NOT_FOUND", { entity: "导入任务" });
        return view;
      },
    );
  };
}
