import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { requireRole, scopeOf } from "../../server/auth-plugin.ts";
import { sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { userEntity } from "./entities.ts";
import { presentUser, userDto } from "./users.presenter.ts";
import * as repo from "./users.repository.ts";
import * as service from "./users.service.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const query = z.record(z.string(), z.string());

/** User administration: admins only, inside their own region subtree. */
export function userRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const admin = { preHandler: requireRole("admin"), config: { entity: userEntity } };

    r.get(
      "/api/users",
      {
        ...admin,
        schema: { tags: ["users"], querystring: query, response: { 200: pageDto(userDto) } },
      },
      async (req) => {
        const page = await repo.listUsers(db, scopeOf(req), parseListQuery(userEntity, req.query));
        return { ...page, items: page.items.map(presentUser) };
      },
    );

    r.get(
      "/api/users/export",
      { ...admin, schema: { tags: ["users"], querystring: query } },
      async (req, reply) => {
        const q = parseListQuery(userEntity, req.query);
        const rows = (async function* () {
          for await (const u of repo.iterateUsers(db, scopeOf(req), q))
            yield exportRow(userEntity, presentUser(u));
        })();
        return sendXlsx(reply, "用户名单.xlsx", {
          name: "用户",
          columns: exportColumns(userEntity),
          rows,
        });
      },
    );

    r.get(
      "/api/users/:id",
      { ...admin, schema: { tags: ["users"], params: idParams, response: { 200: userDto } } },
      async (req) => {
        const user = await repo.getUser(db, scopeOf(req), req.params.id);
        if (!user) throw new AppError("NOT_FOUND", { entity: userEntity.label });
        return presentUser(user);
      },
    );

    r.post(
      "/api/users",
      {
        ...admin,
        schema: {
          tags: ["users"],
          body: z.record(z.string(), z.unknown()),
          response: { 200: userDto.extend({ password: z.string() }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const { user, password } = await db
          .transaction()
          .execute((trx) => service.createUser(trx, scope, req.body));
        return { ...presentUser(user), password };
      },
    );

    r.put(
      "/api/users/:id",
      {
        ...admin,
        schema: {
          tags: ["users"],
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: userDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        return presentUser(
          await db
            .transaction()
            .execute((trx) => service.updateUser(trx, scope, req.params.id, req.body)),
        );
      },
    );

    r.delete(
      "/api/users/:id",
      {
        ...admin,
        schema: {
          tags: ["users"],
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db
          .transaction()
          .execute((trx) => service.deleteUser(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.post(
      "/api/users/:id/reset-password",
      {
        ...admin,
        schema: {
          tags: ["users"],
          params: idParams,
          response: { 200: z.object({ password: z.string() }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        return {
          password: await db
            .transaction()
            .execute((trx) => service.resetPassword(trx, scope, req.params.id)),
        };
      },
    );
  };
}
