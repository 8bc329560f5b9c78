import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Conn, Db } from "../../core/db/schema.ts";
import type { EntityDef } from "../../core/entity/define.ts";
import { type ListPage, type ListQuery, parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import type { Scope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { pageDto } from "../../server/presenters.ts";
import { designationEntity, pledgeEntity } from "./entities.ts";
import {
  designationDto,
  pledgeDto,
  presentDesignation,
  presentPledge,
} from "./ip-assets.presenter.ts";
import * as repo from "./ip-assets.repository.ts";
import * as service from "./ip-assets.service.ts";
import { subsidyOptions } from "./subsidy-options.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionQuery = z.object({ version: z.coerce.number().int().positive() });
const body = z.record(z.string(), z.unknown());
const listQuery = z.record(z.string(), z.string());
const tags = ["ip-assets"];
const subsidyQuery = z.object({
  enterpriseId: z.coerce.number({ error: "请选择出质企业" }).int().positive("请选择出质企业"),
});
const subsidyOptionsDto = z.object({
  items: z.array(
    z.object({ value: z.number(), label: z.string(), disabled: z.boolean().optional() }),
  ),
});

/** What one CRUD ledger needs; the routes are the same shape for both. */
export interface AssetLedger<Row> {
  base: string;
  entity: EntityDef;
  dto: z.ZodType;
  list: (db: Conn, scope: Scope, query: ListQuery) => Promise<ListPage<Row>>;
  get: (db: Conn, scope: Scope, id: number) => Promise<Row | undefined>;
  present: (row: Row) => Record<string, unknown>;
  create: (db: Conn, scope: Scope, raw: unknown) => Promise<{ id: number }>;
  update: (db: Conn, scope: Scope, id: number, raw: unknown) => Promise<{ id: number }>;
  remove: (db: Conn, scope: Scope, id: number, version: number) => Promise<void>;
  /** Columns written on export for reading only: left out of the import template. */
  exportOnly?: readonly string[];
}

export const pledgeLedger: AssetLedger<repo.PledgeRow> = {
  base: "/api/ip/pledges",
  entity: pledgeEntity,
  dto: pledgeDto,
  list: repo.listPledges,
  get: repo.getPledge,
  present: presentPledge,
  create: service.createPledge,
  update: service.updatePledge,
  remove: service.deletePledge,
  exportOnly: ["paymentInfo"],
};

export const designationLedger: AssetLedger<repo.DesignationRow> = {
  base: "/api/ip/designations",
  entity: designationEntity,
  dto: designationDto,
  list: repo.listDesignations,
  get: repo.getDesignation,
  present: presentDesignation,
  create: service.createDesignation,
  update: service.updateDesignation,
  remove: service.deleteDesignation,
};

/** /api/ip/pledges (质押融资) and /api/ip/designations (荣誉与试点示范). */
export function ipAssetsRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // Before the ledgers' /:id routes; a static segment wins over a parameter anyway.
    r.get(
      `${pledgeLedger.base}/subsidy-options`,
      {
        config: { entity: pledgeEntity },
        schema: { tags, querystring: subsidyQuery, response: { 200: subsidyOptionsDto } },
      },
      async (req) => {
        requireAuth(req);
        return { items: await subsidyOptions(db, scopeOf(req), req.query.enterpriseId) };
      },
    );
    register(pledgeLedger);
    register(designationLedger);

    function register<Row>(l: AssetLedger<Row>) {
      const config = { entity: l.entity };
      const write = { preHandler: requireLedgerWrite, config };
      const fetch = async (scope: Scope, id: number) => {
        const row = await l.get(db, scope, id);
        if (!row) throw new AppError("NOT_FOUND", { entity: l.entity.label });
        return l.present(row);
      };
      r.get(
        l.base,
        { config, schema: { tags, querystring: listQuery, response: { 200: pageDto(l.dto) } } },
        async (req) => {
          requireAuth(req);
          const page = await l.list(db, scopeOf(req), parseListQuery(l.entity, req.query));
          return { ...page, items: page.items.map(l.present) };
        },
      );
      r.get(
        `${l.base}/:id`,
        { config, schema: { tags, params: idParams, response: { 200: l.dto } } },
        async (req) => fetch(scopeOf(req), req.params.id),
      );
      r.post(
        l.base,
        { ...write, schema: { tags, body, response: { 200: l.dto } } },
        async (req) => {
          const scope = scopeOf(req);
          const row = await db.transaction().execute((trx) => l.create(trx, scope, req.body));
          return fetch(scope, row.id);
        },
      );
      r.put(
        `${l.base}/:id`,
        { ...write, schema: { tags, params: idParams, body, response: { 200: l.dto } } },
        async (req) => {
          const scope = scopeOf(req);
          const row = await db
            .transaction()
            .execute((trx) => l.update(trx, scope, req.params.id, req.body));
          return fetch(scope, row.id);
        },
      );
      r.delete(
        `${l.base}/:id`,
        { ...write, schema: { tags, params: idParams, querystring: versionQuery } },
        async (req, reply) => {
          const scope = scopeOf(req);
          await db
            .transaction()
            .execute((trx) => l.remove(trx, scope, req.params.id, req.query.version));
          return reply.status(204).send();
        },
      );
    }
  };
}
