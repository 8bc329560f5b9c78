import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { AppError } from "../../core/errors.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import type { Scope } from "../../core/scope.ts";
import { requireAuth, requireRole, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { indicatorEntity, indicatorValueEntity } from "./entities.ts";
import * as indicators from "./indicators.service.ts";
import { body, idParams, importResult, tags, versionQuery, year } from "./route-schemas.ts";
import { indicatorDto, presentIndicator, presentValue, valueDto } from "./targets.presenter.ts";
import * as repo from "./targets.repository.ts";
import * as values from "./values.service.ts";

const metricDto = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  kind: z.string(),
  description: z.string(),
});

/**
 * The indicator catalogue (read by everyone, written by admins) and the hand-entered
 * figures of manual indicators (written by editors and admins at any level in their
 * subtree, see values.service.ts), with their Excel import, export and template.
 */
export function indicatorRoutes(db: Db, registry: MetricRegistry, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const admin = { preHandler: requireRole("admin"), config: { entity: indicatorEntity } };
    const config = { entity: indicatorValueEntity };

    r.get(
      "/api/target-indicators",
      {
        schema: {
          tags,
          querystring: z.object({
            active: z.enum(["1", "0"]).optional(),
            usage: z.enum(["1", "0"]).optional(),
          }),
          response: { 200: z.object({ items: z.array(indicatorDto) }) },
        },
      },
      async (req) => {
        requireAuth(req);
        if (req.query.usage === "1") {
          // Usage counts span every region: the catalogue's administrators only.
          if (scopeOf(req).role !== "admin") {
            throw new AppError("FORBIDDEN", { reason: "只有管理员可以查看指标的使用情况" });
          }
          return {
            items: (await repo.listIndicatorsWithUsage(db)).map((i) => presentIndicator(i)),
          };
        }
        const rows = await repo.listIndicators(db, { activeOnly: req.query.active === "1" });
        return { items: rows.map((i) => presentIndicator(i)) };
      },
    );
    r.get(
      "/api/target-indicators/metrics",
      { schema: { tags, response: { 200: z.object({ items: z.array(metricDto) }) } } },
      async (req) => {
        requireAuth(req);
        return {
          items: indicators
            .indicatorMetrics(registry)
            .map(({ id, label, unit, kind, description }) => ({
              id,
              label,
              unit,
              kind,
              description,
            })),
        };
      },
    );
    r.post(
      "/api/target-indicators",
      { ...admin, schema: { tags, body, response: { 200: indicatorDto } } },
      async (req) =>
        presentIndicator(
          await db
            .transaction()
            .execute((trx) => indicators.createIndicator(trx, scopeOf(req), registry, req.body)),
        ),
    );
    r.put(
      "/api/target-indicators/:id",
      { ...admin, schema: { tags, params: idParams, body, response: { 200: indicatorDto } } },
      async (req) =>
        presentIndicator(
          await db
            .transaction()
            .execute((trx) =>
              indicators.updateIndicator(trx, scopeOf(req), registry, req.params.id, req.body),
            ),
        ),
    );
    r.delete(
      "/api/target-indicators/:id",
      { ...admin, schema: { tags, params: idParams, querystring: versionQuery } },
      async (req, reply) => {
        await db
          .transaction()
          .execute((trx) =>
            indicators.deleteIndicator(trx, scopeOf(req), req.params.id, req.query.version),
          );
        return reply.status(204).send();
      },
    );

    const valueFilter = z.object({
      year: year.optional(),
      indicatorId: z.coerce.number().int().positive().optional(),
      regionId: z.coerce.number().int().positive().optional(),
    });
    const present = (scope: Scope) => (v: repo.ValueRow) =>
      presentValue(v, values.canEditValue(scope, v));
    r.get(
      "/api/indicator-values",
      {
        schema: {
          tags,
          querystring: valueFilter,
          response: { 200: z.object({ items: z.array(valueDto) }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        return { items: (await repo.listValues(db, scope, req.query)).map(present(scope)) };
      },
    );
    r.get(
      "/api/indicator-values/export",
      { config, schema: { tags, querystring: valueFilter } },
      async (req, reply) => {
        const scope = scopeOf(req);
        const rows = await repo.listValues(db, scope, { ...req.query, all: true });
        return sendXlsx(reply, `指标统计数${req.query.year ?? ""}.xlsx`, {
          name: "指标统计数",
          columns: exportColumns(indicatorValueEntity),
          rows: rows.map((v) => exportRow(indicatorValueEntity, present(scope)(v))),
        });
      },
    );
    r.get("/api/indicator-values/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "指标统计数导入模板.xlsx", {
        name: "指标统计数",
        columns: exportColumns(indicatorValueEntity),
        rows: [],
      });
    });
    r.post(
      "/api/indicator-values/import",
      {
        config,
        schema: {
          tags,
          querystring: z.object({ year: year.optional() }),
          response: { 200: importResult },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        values.assertValueWriter(scope);
        const file = await readUpload(req, opts.uploadMaxMb);
        return values.importValues(
          db,
          scope,
          { buffer: file.buffer },
          {
            filename: file.filename,
            maxBytes: opts.uploadMaxMb * 1048576,
            year: req.query.year,
          },
        );
      },
    );
    const oneValue = async (scope: Scope, id: number) => {
      const v = await repo.getValue(db, scope, id);
      if (!v) throw new AppError("NOT_FOUND", { entity: indicatorValueEntity.label });
      return present(scope)(v);
    };
    r.post(
      "/api/indicator-values",
      { config, schema: { tags, body, response: { 200: valueDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const v = await db.transaction().execute((trx) => values.createValue(trx, scope, req.body));
        return oneValue(scope, v.id);
      },
    );
    r.put(
      "/api/indicator-values/:id",
      { config, schema: { tags, params: idParams, body, response: { 200: valueDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const v = await db
          .transaction()
          .execute((trx) => values.updateValue(trx, scope, req.params.id, req.body));
        return oneValue(scope, v.id);
      },
    );
    r.delete(
      "/api/indicator-values/:id",
      { config, schema: { tags, params: idParams, querystring: versionQuery } },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => values.deleteValue(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );
  };
}
