import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { qualificationKindRoutes } from "./kinds.ts";
import { camel } from "./presenter.ts";
import { listRegionYears, type RecordTable } from "./records.repository.ts";
import * as service from "./records.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const anyBody = z.record(z.string(), z.unknown());

const COLLECTIONS: [string, RecordTable][] = [
  ["/api/enterprise-qualifications", "enterprise_qualifications"],
  ["/api/enterprise-applications", "enterprise_applications"],
  ["/api/enterprise-yearly", "enterprise_yearly"],
  ["/api/region-year-figures", "region_year_figures"],
];

/** Create/update/delete of an enterprise's qualifications, applications and yearly figures. */
export function enterpriseRecordRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["enterprises"];
    for (const [base, table] of COLLECTIONS) {
      r.post(
        base,
        { preHandler: requireLedgerWrite, schema: { tags, body: anyBody } },
        async (req) => {
          const scope = scopeOf(req);
          const row = await db
            .transaction()
            .execute((trx) => service.createRecord(trx, scope, table, req.body));
          return camel(row);
        },
      );
      r.put(
        `${base}/:id`,
        { preHandler: requireLedgerWrite, schema: { tags, params: idParams, body: anyBody } },
        async (req) => {
          const scope = scopeOf(req);
          const row = await db
            .transaction()
            .execute((trx) => service.updateRecord(trx, scope, table, req.params.id, req.body));
          return camel(row);
        },
      );
      r.delete(
        `${base}/:id`,
        {
          preHandler: requireLedgerWrite,
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
            .execute((trx) =>
              service.deleteRecord(trx, scope, table, req.params.id, req.query.version),
            );
          return reply.status(204).send();
        },
      );
    }

    r.get("/api/region-year-figures", { schema: { tags } }, async (req) => {
      requireAuth(req);
      const rows = await listRegionYears(db, scopeOf(req));
      return { items: rows.map(camel) };
    });

    await app.register(qualificationKindRoutes(db));
  };
}
