import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { paymentEntity } from "./entities.ts";
import { paymentDto, presentPayment } from "./funds.presenter.ts";
import * as repo from "./funds.repository.ts";
import * as service from "./funds.service.ts";
import { importPayments, paymentImportEntity } from "./import.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["funds"];
const totalsDto = z.array(z.object({ kind: z.string(), amount: z.number(), n: z.number() }));
const optProject = z.coerce.number().int().positive().optional();
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

export function fundRoutes(db: Db, opts: { uploadMaxMb: number } = { uploadMaxMb: 20 }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: paymentEntity };
    const write = { preHandler: requireLedgerWrite, config };

    r.get(
      "/api/fund-payments",
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(paymentDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const projectId = optProject.parse(req.query.projectId || undefined);
        const query = parseListQuery(paymentEntity, req.query);
        const page = await repo.listPayments(db, scopeOf(req), query, projectId);
        return { ...page, items: page.items.map(presentPayment) };
      },
    );

    r.get(
      "/api/fund-payments/export",
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const projectId = optProject.parse(req.query.projectId || undefined);
        const query = parseListQuery(paymentEntity, req.query);
        const rows = (async function* () {
          for (let page = 1; ; page++) {
            const r = await repo.listPayments(
              db,
              scopeOf(req),
              { ...query, page, pageSize: 1000 },
              projectId,
            );
            for (const p of r.items) yield exportRow(paymentEntity, presentPayment(p));
            if (r.items.length < 1000) return;
          }
        })();
        return sendXlsx(reply, "科技资金拨付台账.xlsx", {
          name: "资金拨付",
          columns: exportColumns(paymentEntity),
          rows,
        });
      },
    );

    r.get(
      "/api/fund-payments/totals",
      {
        config,
        schema: {
          tags,
          querystring: z.object({ projectId: optProject }),
          response: { 200: totalsDto },
        },
      },
      async (req) => {
        requireAuth(req);
        return repo.paymentTotals(db, scopeOf(req), req.query.projectId);
      },
    );

    r.get("/api/fund-payments/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "资金拨付导入模板.xlsx", {
        name: "资金拨付",
        columns: exportColumns(paymentImportEntity),
        rows: [],
      });
    });

    r.post(
      "/api/fund-payments/import",
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return importPayments(
          db,
          scopeOf(req),
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );

    r.put(
      "/api/fund-payments/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: paymentDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => service.updatePayment(trx, scope, req.params.id, req.body));
        const row = await repo.getPayment(db, scope, p.id);
        if (!row) throw new AppError("INTERNAL");
        return presentPayment(row);
      },
    );

    r.get(
      "/api/fund-payments/:id",
      { config, schema: { tags, params: idParams, response: { 200: paymentDto } } },
      async (req) => {
        const p = await repo.getPayment(db, scopeOf(req), req.params.id);
        if (!p) throw new AppError("NOT_FOUND", { entity: paymentEntity.label });
        return presentPayment(p);
      },
    );

    r.post(
      "/api/fund-payments",
      {
        ...write,
        schema: { tags, body: z.record(z.string(), z.unknown()), response: { 200: paymentDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => service.createPayment(trx, scope, req.body));
        const row = await repo.getPayment(db, scope, p.id);
        if (!row) throw new AppError("INTERNAL");
        return presentPayment(row);
      },
    );

    r.delete(
      "/api/fund-payments/:id",
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
          .execute((trx) => service.deletePayment(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );
  };
}
