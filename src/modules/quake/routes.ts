import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { sendXlsx } from "../../server/excel-reply.ts";
import * as ledger from "./ledger.ts";
import { LEDGERS } from "./ledgers.ts";
import { currentMonth, missingReports } from "./missing.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const body = z.record(z.string(), z.unknown());
const dto = z.record(z.string(), z.unknown());
const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM");
const tags = ["quake"];

function ledgerRoutes(db: Db, l: ledger.Ledger) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const base = `/api/quake/${l.path}`;
    const config = { entity: l.entity };
    const write = { preHandler: requireLedgerWrite, config };

    r.get(
      base,
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: {
            200: z.object({
              items: z.array(dto),
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
        return { ...page, items: page.items.map(ledger.presentRow) };
      },
    );

    r.get(
      `${base}/export`,
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(l.entity, req.query);
        const scope = scopeOf(req);
        const rows = (async function* () {
          for (let page = 1; ; page++) {
            const r = await ledger.listRows(db, l, scope, { ...query, page, pageSize: 1000 });
            for (const row of r.items) yield exportRow(l.entity, ledger.presentRow(row));
            if (r.items.length < 1000) return;
          }
        })();
        return sendXlsx(reply, `${l.entity.label}台账.xlsx`, {
          name: l.entity.label,
          columns: exportColumns(l.entity),
          rows,
        });
      },
    );

    r.get(`${base}/template`, { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, `${l.entity.label}导入模板.xlsx`, {
        name: l.entity.label,
        columns: exportColumns(l.entity),
        rows: [],
      });
    });

    r.get(`${base}/:id`, { config, schema: { tags, params: idParams } }, async (req) => {
      const row = await ledger.getRow(db, l, scopeOf(req), req.params.id);
      if (!row) throw new AppError("NOT_FOUND", { entity: l.entity.label });
      return ledger.presentRow(row);
    });

    r.post(base, { ...write, schema: { tags, body } }, async (req) => {
      const scope = scopeOf(req);
      const row = await db
        .transaction()
        .execute((trx) => ledger.createRow(trx, l, scope, req.body));
      return ledger.presentRow((await ledger.getRow(db, l, scope, row.id)) ?? row);
    });

    r.put(`${base}/:id`, { ...write, schema: { tags, params: idParams, body } }, async (req) => {
      const scope = scopeOf(req);
      const row = await db
        .transaction()
        .execute((trx) => ledger.updateRow(trx, l, scope, req.params.id, req.body));
      return ledger.presentRow((await ledger.getRow(db, l, scope, row.id)) ?? row);
    });

    r.delete(
      `${base}/:id`,
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
  };
}

export function quakeRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    for (const l of LEDGERS) await app.register(ledgerRoutes(db, l));
    const r = app.withTypeProvider<ZodTypeProvider>();

    /** 缺报 alerts: active point × month with no report, from..to (default: this year so far). */
    r.get(
      "/api/quake/missing",
      {
        schema: {
          tags,
          querystring: z.object({ from: monthParam.optional(), to: monthParam.optional() }),
        },
      },
      async (req) => {
        requireAuth(req);
        const now = currentMonth();
        const from = req.query.from ?? `${now.slice(0, 4)}-01`;
        const to = req.query.to ?? now;
        if (from > to)
          throw new AppError("VALIDATION", {
            fields: [{ field: "from", label: "起始月份", message: "不能晚于截止月份" }],
          });
        const items = await missingReports(db, scopeOf(req).regionPath, from, to, now);
        return { from, to, items };
      },
    );
  };
}
