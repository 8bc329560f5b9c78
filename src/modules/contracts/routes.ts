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
import { contractDto, presentContract } from "./contracts.presenter.ts";
import * as repo from "./contracts.repository.ts";
import * as service from "./contracts.service.ts";
import { contractEntity } from "./entities.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
const tags = ["contracts"];

export function contractRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: contractEntity };
    const write = { preHandler: requireLedgerWrite, config };

    r.get(
      "/api/contracts",
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(contractDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const query = parseListQuery(contractEntity, req.query);
        const page = await repo.listContracts(db, scopeOf(req), query);
        return { ...page, items: page.items.map(presentContract) };
      },
    );

    r.get(
      "/api/contracts/export",
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(contractEntity, req.query);
        const rows = (async function* () {
          for await (const c of repo.iterateContracts(db, scopeOf(req), query))
            yield exportRow(contractEntity, presentContract(c));
        })();
        return sendXlsx(reply, "技术合同登记台账.xlsx", {
          name: "技术合同",
          columns: exportColumns(contractEntity),
          rows,
        });
      },
    );

    r.get("/api/contracts/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "技术合同导入模板.xlsx", {
        name: "技术合同",
        columns: exportColumns(contractEntity),
        rows: [],
      });
    });

    r.get(
      "/api/contracts/:id",
      { config, schema: { tags, params: idParams, response: { 200: contractDto } } },
      async (req) => {
        const c = await repo.getContract(db, scopeOf(req), req.params.id);
        if (!c) throw new AppError("NOT_FOUND", { entity: contractEntity.label });
        return presentContract(c);
      },
    );

    r.post(
      "/api/contracts",
      {
        ...write,
        schema: { tags, body: z.record(z.string(), z.unknown()), response: { 200: contractDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const c = await db
          .transaction()
          .execute((trx) => service.createContract(trx, scope, req.body));
        return presentContract((await repo.getContract(db, scope, c.id)) ?? c);
      },
    );

    r.put(
      "/api/contracts/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: contractDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const c = await db
          .transaction()
          .execute((trx) => service.updateContract(trx, scope, req.params.id, req.body));
        return presentContract((await repo.getContract(db, scope, c.id)) ?? c);
      },
    );

    r.delete(
      "/api/contracts/:id",
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
          .execute((trx) => service.deleteContract(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.post(
      "/api/contracts/import",
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const scope = scopeOf(req);
        const file = await readUpload(req, opts.uploadMaxMb);
        return service.importContracts(
          db,
          scope,
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );
  };
}
