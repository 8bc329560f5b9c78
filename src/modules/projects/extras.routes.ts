import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns } from "../../core/entity/export.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { changeDto, listChanges, presentChange, recordChange } from "./changes.ts";
import { projectEntity } from "./entities.ts";
import { importProjects, projectImportEntity } from "./import.ts";
import { presentProject, projectDto } from "./projects.presenter.ts";
import * as repo from "./projects.repository.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["projects"];
const today = () => new Date().toISOString().slice(0, 10);
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

/** 变更/备案 records and the Excel import of projects. */
export function projectExtraRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: projectEntity };
    const write = { preHandler: requireLedgerWrite, config };

    r.get(
      "/api/projects/:id/changes",
      { config, schema: { tags, params: idParams, response: { 200: z.array(changeDto) } } },
      async (req) => {
        const p = await repo.getProject(db, scopeOf(req), req.params.id);
        if (!p) throw new AppError("NOT_FOUND", { entity: projectEntity.label });
        return (await listChanges(db, p.id)).map(presentChange);
      },
    );

    r.post(
      "/api/projects/:id/changes",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: projectDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => recordChange(trx, scope, req.params.id, req.body));
        return presentProject((await repo.getProject(db, scope, p.id)) ?? p, today());
      },
    );

    r.get("/api/projects/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "科技项目导入模板.xlsx", {
        name: "科技项目",
        columns: exportColumns(projectImportEntity),
        rows: [],
      });
    });

    r.post(
      "/api/projects/import",
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return importProjects(
          db,
          scopeOf(req),
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576, today: today() },
        );
      },
    );
  };
}
