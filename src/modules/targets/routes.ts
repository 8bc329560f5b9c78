import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { AppError } from "../../core/errors.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { requireAuth, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { targetEntity } from "./entities.ts";
import { indicatorRoutes } from "./indicators.routes.ts";
import { targetProgress } from "./progress.ts";
import { body, idParams, importResult, tags, versionQuery, year } from "./route-schemas.ts";
import { LIGHT_RULE } from "./targets.math.ts";
import { presentTarget, progressDto, targetDto } from "./targets.presenter.ts";
import * as repo from "./targets.repository.ts";
import * as service from "./targets.service.ts";

/**
 * 目标任务: the indicator catalogue and hand-entered figures (indicators.routes.ts),
 * targets (editors and admins at any level, city users for their counties), their Excel
 * import/export, and live progress.
 */
export function targetRoutes(db: Db, registry: MetricRegistry, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: targetEntity };

    await indicatorRoutes(db, registry, opts)(app);

    r.get(
      "/api/targets/progress",
      {
        config,
        schema: {
          tags,
          querystring: z.object({
            year,
            asOf: z.string().max(10).optional(),
            regionId: z.coerce.number().int().positive().optional(),
          }),
          response: { 200: progressDto },
        },
      },
      async (req) => {
        const p = await targetProgress(db, registry, scopeOf(req), req.query);
        return { ...p, rule: LIGHT_RULE };
      },
    );

    const listFilter = z.object({
      year: year.optional(),
      regionId: z.coerce.number().int().positive().optional(),
    });
    const regionPathOf = async (regionId?: number) => {
      if (regionId === undefined) return undefined;
      const region = await db
        .selectFrom("regions")
        .select("path")
        .where("id", "=", regionId)
        .executeTakeFirst();
      return region?.path ?? "/nowhere/";
    };
    r.get(
      "/api/targets",
      {
        config,
        schema: {
          tags,
          querystring: listFilter,
          response: { 200: z.object({ items: z.array(targetDto) }) },
        },
      },
      async (req) => {
        const rows = await repo.listTargets(db, scopeOf(req), {
          year: req.query.year,
          regionPath: await regionPathOf(req.query.regionId),
        });
        return { items: rows.map(presentTarget) };
      },
    );
    r.get(
      "/api/targets/export",
      { config, schema: { tags, querystring: listFilter } },
      async (req, reply) => {
        const rows = await repo.listTargets(db, scopeOf(req), {
          year: req.query.year,
          regionPath: await regionPathOf(req.query.regionId),
        });
        return sendXlsx(reply, `目标任务${req.query.year ?? ""}.xlsx`, {
          name: "目标任务",
          columns: exportColumns(targetEntity),
          rows: rows.map((t) => exportRow(targetEntity, presentTarget(t))),
        });
      },
    );
    r.get("/api/targets/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "目标任务导入模板.xlsx", {
        name: "目标任务",
        columns: exportColumns(targetEntity),
        rows: [],
      });
    });
    const oneTarget = async (scope: ReturnType<typeof scopeOf>, id: number) => {
      const t = await repo.getTarget(db, scope, id);
      if (!t) throw new AppError("NOT_FOUND", { entity: targetEntity.label });
      return presentTarget(t);
    };
    r.get(
      "/api/targets/:id",
      { config, schema: { tags, params: idParams, response: { 200: targetDto } } },
      async (req) => oneTarget(scopeOf(req), req.params.id),
    );
    r.post(
      "/api/targets",
      { config, schema: { tags, body, response: { 200: targetDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const t = await db
          .transaction()
          .execute((trx) => service.createTarget(trx, scope, req.body));
        return oneTarget(scope, t.id);
      },
    );
    r.put(
      "/api/targets/:id",
      { config, schema: { tags, params: idParams, body, response: { 200: targetDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const t = await db
          .transaction()
          .execute((trx) => service.updateTarget(trx, scope, req.params.id, req.body));
        return oneTarget(scope, t.id);
      },
    );
    r.delete(
      "/api/targets/:id",
      { config, schema: { tags, params: idParams, querystring: versionQuery } },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.deleteTarget(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );
    r.post(
      "/api/targets/import",
      { config, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const scope = scopeOf(req);
        service.assertTargetWriter(scope);
        const file = await readUpload(req, opts.uploadMaxMb);
        return service.importTargets(
          db,
          scope,
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );
  };
}
