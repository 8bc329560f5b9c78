import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { pageDto } from "../../server/presenters.ts";
import { disputeEntity, enforcementEntity } from "./entities.ts";
import { disputeDto, enforcementDto, presentAction, presentDispute } from "./ip-work.presenter.ts";
import * as repo from "./ip-work.repository.ts";
import * as service from "./ip-work.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionQuery = z.object({ version: z.coerce.number().int().positive() });
const body = z.record(z.string(), z.unknown());
const listQuery = z.record(z.string(), z.string());
const tags = ["ip-work"];

/** /api/ip/enforcement (执法行动) and /api/ip/disputes (专利纠纷案件). */
export function ipWorkRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    {
      const config = { entity: enforcementEntity };
      const write = { preHandler: requireLedgerWrite, config };
      const base = "/api/ip/enforcement";
      r.get(
        base,
        {
          config,
          schema: { tags, querystring: listQuery, response: { 200: pageDto(enforcementDto) } },
        },
        async (req) => {
          requireAuth(req);
          const page = await repo.listActions(
            db,
            scopeOf(req),
            parseListQuery(enforcementEntity, req.query),
          );
          return { ...page, items: page.items.map(presentAction) };
        },
      );
      r.get(
        `${base}/:id`,
        { config, schema: { tags, params: idParams, response: { 200: enforcementDto } } },
        async (req) => {
          const a = await repo.getAction(db, scopeOf(req), req.params.id);
          if (!a) throw new AppError("NOT_FOUND", { entity: enforcementEntity.label });
          return presentAction(a);
        },
      );
      r.post(
        base,
        { ...write, schema: { tags, body, response: { 200: enforcementDto } } },
        async (req) => {
          const scope = scopeOf(req);
          const a = await db
            .transaction()
            .execute((trx) => service.createAction(trx, scope, req.body));
          return presentAction((await repo.getAction(db, scope, a.id)) ?? a);
        },
      );
      r.put(
        `${base}/:id`,
        { ...write, schema: { tags, params: idParams, body, response: { 200: enforcementDto } } },
        async (req) => {
          const scope = scopeOf(req);
          const a = await db
            .transaction()
            .execute((trx) => service.updateAction(trx, scope, req.params.id, req.body));
          return presentAction((await repo.getAction(db, scope, a.id)) ?? a);
        },
      );
      r.delete(
        `${base}/:id`,
        { ...write, schema: { tags, params: idParams, querystring: versionQuery } },
        async (req, reply) => {
          const scope = scopeOf(req);
          await db
            .transaction()
            .execute((trx) => service.deleteAction(trx, scope, req.params.id, req.query.version));
          return reply.status(204).send();
        },
      );
    }

    {
      const config = { entity: disputeEntity };
      const write = { preHandler: requireLedgerWrite, config };
      const base = "/api/ip/disputes";
      r.get(
        base,
        {
          config,
          schema: { tags, querystring: listQuery, response: { 200: pageDto(disputeDto) } },
        },
        async (req) => {
          requireAuth(req);
          const page = await repo.listDisputes(
            db,
            scopeOf(req),
            parseListQuery(disputeEntity, req.query),
          );
          return { ...page, items: page.items.map(presentDispute) };
        },
      );
      r.get(
        `${base}/:id`,
        { config, schema: { tags, params: idParams, response: { 200: disputeDto } } },
        async (req) => {
          const d = await repo.getDispute(db, scopeOf(req), req.params.id);
          if (!d) throw new AppError("NOT_FOUND", { entity: disputeEntity.label });
          return presentDispute(d);
        },
      );
      r.post(
        base,
        { ...write, schema: { tags, body, response: { 200: disputeDto } } },
        async (req) => {
          const scope = scopeOf(req);
          const d = await db
            .transaction()
            .execute((trx) => service.createDispute(trx, scope, req.body));
          return presentDispute((await repo.getDispute(db, scope, d.id)) ?? d);
        },
      );
      r.put(
        `${base}/:id`,
        { ...write, schema: { tags, params: idParams, body, response: { 200: disputeDto } } },
        async (req) => {
          const scope = scopeOf(req);
          const d = await db
            .transaction()
            .execute((trx) => service.updateDispute(trx, scope, req.params.id, req.body));
          return presentDispute((await repo.getDispute(db, scope, d.id)) ?? d);
        },
      );
      r.delete(
        `${base}/:id`,
        { ...write, schema: { tags, params: idParams, querystring: versionQuery } },
        async (req, reply) => {
          const scope = scopeOf(req);
          await db
            .transaction()
            .execute((trx) => service.deleteDispute(trx, scope, req.params.id, req.query.version));
          return reply.status(204).send();
        },
      );
    }
  };
}
