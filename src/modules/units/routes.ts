import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireRole, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { unitEntity } from "./entities.ts";
import { presentUnit, unitDto } from "./units.presenter.ts";
import * as repo from "./units.repository.ts";
import * as service from "./units.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

export function unitRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: unitEntity };
    const admin = { preHandler: requireRole("admin"), config };

    r.get(
      "/api/units",
      {
        config,
        schema: {
          tags: ["units"],
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(unitDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const page = await repo.listUnits(db, scopeOf(req), parseListQuery(unitEntity, req.query));
        return { ...page, items: page.items.map(presentUnit) };
      },
    );

    r.get(
      "/api/units/export",
      { config, schema: { tags: ["units"], querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(unitEntity, req.query);
        const rows = (async function* () {
          for await (const u of repo.iterateUnits(db, scopeOf(req), query))
            yield exportRow(unitEntity, presentUnit(u));
        })();
        return sendXlsx(reply, "单位名录.xlsx", {
          name: "单位",
          columns: exportColumns(unitEntity),
          rows,
        });
      },
    );

    r.get("/api/units/template", { config, schema: { tags: ["units"] } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "单位导入模板.xlsx", {
        name: "单位",
        columns: exportColumns(unitEntity),
        rows: [],
      });
    });

    r.get(
      "/api/units/:id",
      { config, schema: { tags: ["units"], params: idParams, response: { 200: unitDto } } },
      async (req) => {
        const unit = await repo.getUnit(db, scopeOf(req), req.params.id);
        if (!unit) throw new AppError("NOT_FOUND", { entity: unitEntity.label });
        return presentUnit(unit);
      },
    );

    r.post(
      "/api/units",
      {
        ...admin,
        schema: {
          tags: ["units"],
          body: z.record(z.string(), z.unknown()),
          response: { 200: unitDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const unit = await db
          .transaction()
          .execute((trx) => service.createUnit(trx, scope, req.body));
        return presentUnit((await repo.getUnit(db, scope, unit.id)) ?? unit);
      },
    );

    r.put(
      "/api/units/:id",
      {
        ...admin,
        schema: {
          tags: ["units"],
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: unitDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const unit = await db
          .transaction()
          .execute((trx) => service.updateUnit(trx, scope, req.params.id, req.body));
        return presentUnit((await repo.getUnit(db, scope, unit.id)) ?? unit);
      },
    );

    r.delete(
      "/api/units/:id",
      {
        ...admin,
        schema: {
          tags: ["units"],
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.deleteUnit(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.post(
      "/api/units/import",
      { ...admin, schema: { tags: ["units"], response: { 200: importResult } } },
      async (req) => {
        const scope = scopeOf(req);
        const file = await readUpload(req, opts.uploadMaxMb);
        return service.importUnits(
          db,
          scope,
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );
  };
}
