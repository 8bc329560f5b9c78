import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { investmentEntity } from "./entities.ts";
import {
  arrivalDto,
  investmentDto,
  presentArrival,
  presentInvestment,
} from "./investments.presenter.ts";
import * as repo from "./investments.repository.ts";
import * as service from "./investments.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["investments"];
const body = z.record(z.string(), z.unknown());
const BASE = "/api/investments";
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

export function investmentRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: investmentEntity };
    const write = { preHandler: requireLedgerWrite, config };
    const fresh = async (scope: Scope, id: number) => {
      const row = await repo.getInvestment(db, scope, id);
      if (!row) throw new AppError("NOT_FOUND", { entity: investmentEntity.label });
      return presentInvestment(row);
    };

    r.get(
      BASE,
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(investmentDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const query = parseListQuery(investmentEntity, req.query);
        const page = await repo.listInvestments(db, scopeOf(req), query);
        return { ...page, items: page.items.map(presentInvestment) };
      },
    );

    r.get(
      `${BASE}/export`,
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(investmentEntity, req.query);
        const rows = (async function* () {
          for (let page = 1; ; page++) {
            const r = await repo.listInvestments(db, scopeOf(req), {
              ...query,
              page,
              pageSize: 1000,
            });
            for (const p of r.items) yield exportRow(investmentEntity, presentInvestment(p));
            if (r.items.length < 1000) return;
          }
        })();
        return sendXlsx(reply, "招商引资与合作项目.xlsx", {
          name: "招商引资与合作",
          columns: [
            ...exportColumns(investmentEntity),
            { key: "arrivedAmount", header: "到位资金（元）", width: 16, numFmt: "#,##0.00" },
          ],
          rows,
        });
      },
    );

    r.get(`${BASE}/template`, { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "招商引资与合作项目导入模板.xlsx", {
        name: "招商引资与合作",
        columns: exportColumns(investmentEntity),
        rows: [],
      });
    });

    r.post(
      `${BASE}/import`,
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return service.importInvestments(
          db,
          scopeOf(req),
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );

    r.get(
      `${BASE}/:id`,
      { config, schema: { tags, params: idParams, response: { 200: investmentDto } } },
      async (req) => fresh(scopeOf(req), req.params.id),
    );

    r.post(
      BASE,
      { ...write, schema: { tags, body, response: { 200: investmentDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => service.createInvestment(trx, scope, req.body));
        return fresh(scope, row.id);
      },
    );

    r.put(
      `${BASE}/:id`,
      { ...write, schema: { tags, params: idParams, body, response: { 200: investmentDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => service.updateInvestment(trx, scope, req.params.id, req.body));
        return fresh(scope, row.id);
      },
    );

    r.delete(
      `${BASE}/:id`,
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.deleteInvestment(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.get(
      `${BASE}/:id/arrivals`,
      { config, schema: { tags, params: idParams, response: { 200: z.array(arrivalDto) } } },
      async (req) => {
        const p = await fresh(scopeOf(req), req.params.id);
        return (await repo.listArrivals(db, p.id)).map(presentArrival);
      },
    );

    r.post(
      `${BASE}/:id/arrivals`,
      { ...write, schema: { tags, params: idParams, body, response: { 200: investmentDto } } },
      async (req) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.addArrival(trx, scope, req.params.id, req.body));
        return fresh(scope, req.params.id);
      },
    );

    r.delete(
      `${BASE}/:id/arrivals/:arrivalId`,
      {
        ...write,
        schema: {
          tags,
          params: idParams.extend({ arrivalId: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.deleteArrival(trx, scope, req.params.id, req.params.arrivalId));
        return reply.status(204).send();
      },
    );
  };
}
