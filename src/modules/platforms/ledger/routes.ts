import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../../core/entity/export.ts";
import { parseListQuery } from "../../../core/entity/list.ts";
import { AppError } from "../../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../../server/excel-reply.ts";
import * as ledger from "./engine.ts";
import { importLedger } from "./import.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const body = z.record(z.string(), z.unknown());
const dto = z.record(z.string(), z.unknown());
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

/** List, get, create, update, delete, Excel export/template/import of one ledger. */
export function ledgerRoutes(db: Db, l: ledger.Ledger, opts: { uploadMaxMb: number; tag: string }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = [opts.tag];
    const config = { entity: l.entity };
    const write = { preHandler: requireLedgerWrite, config };
    const sheet = l.entity.label;
    const present = l.present ?? ((row: ledger.LedgerRow) => ledger.presentRow(row, l.entity));
    // A ledger with a typed record schema states it in every response that returns a record.
    const one = l.dto ? { response: { 200: l.dto } } : {};

    r.get(
      l.base,
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: {
            200: z.object({
              items: z.array(l.dto ?? dto),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (req) => {
        requireAuth(req);
        const query = parseListQuery(l.entity, req.query);
        const page = await ledger.listRows(db, l, scopeOf(req), query);
        return { ...page, items: page.items.map(present) };
      },
    );

    r.get(
      `${l.base}/export`,
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(l.entity, req.query);
        const scope = scopeOf(req);
        const rows = (async function* () {
          for await (const row of ledger.iterate((q) => ledger.listRows(db, l, scope, q), query))
            yield exportRow(l.entity, present(row));
        })();
        return sendXlsx(reply, `${sheet}台账.xlsx`, {
          name: sheet,
          columns: exportColumns(l.entity),
          rows,
        });
      },
    );

    r.get(`${l.base}/template`, { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, `${sheet}导入模板.xlsx`, {
        name: sheet,
        columns: exportColumns(l.entity),
        rows: [],
      });
    });

    r.get(`${l.base}/:id`, { config, schema: { tags, params: idParams, ...one } }, async (req) => {
      const row = await ledger.getRow(db, l, scopeOf(req), req.params.id);
      if (!row) throw new AppError("NOT_FOUND", { entity: l.entity.label });
      return present(row);
    });

    r.post(l.base, { ...write, schema: { tags, body, ...one } }, async (req) => {
      const scope = scopeOf(req);
      const row = await db
        .transaction()
        .execute((trx) => ledger.createRow(trx, l, scope, req.body));
      return present((await ledger.getRow(db, l, scope, row.id)) ?? row);
    });

    r.put(
      `${l.base}/:id`,
      { ...write, schema: { tags, params: idParams, body, ...one } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => ledger.updateRow(trx, l, scope, req.params.id, req.body));
        return present((await ledger.getRow(db, l, scope, row.id)) ?? row);
      },
    );

    r.delete(
      `${l.base}/:id`,
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
          .execute((trx) => ledger.deleteRow(trx, l, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.post(
      `${l.base}/import`,
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return importLedger(
          db,
          l,
          scopeOf(req),
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );
  };
}

/** Registers every ledger of a module. */
export function ledgersRoutes(
  db: Db,
  ledgers: readonly ledger.Ledger[],
  opts: { uploadMaxMb: number; tag: string },
) {
  return async (app: FastifyInstance) => {
    for (const l of ledgers) await app.register(ledgerRoutes(db, l, opts));
  };
}
