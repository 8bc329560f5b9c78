import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { readListView } from "../../core/entity/list-view.ts";
import { AppError } from "../../core/errors.ts";
import { todayCst } from "../../core/report/composer.ts";
import { pathInScope, type Scope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { regionPeriodQuery, resolveRegionPeriod } from "../fieldwork/region-period.ts";
import { commissionerDto, presentCommissioner } from "./commissioners.presenter.ts";
import * as repo from "./commissioners.repository.ts";
import * as service from "./commissioners.service.ts";
import { commissionerEntity } from "./entities.ts";
import { commissionerExcelRoutes } from "./excel.routes.ts";
import { COMMISSIONER_VIEWS, commissionerViewCondition } from "./list-views.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ["commissioners"];

/** A dashboard figure's selection (`view`, `from`, `to`, `servedRegionId`), if asked. */
function listWhere(raw: Record<string, string>) {
  const view = readListView(raw, COMMISSIONER_VIEWS);
  if (!view) return undefined;
  const served = raw.servedRegionId;
  if (served !== undefined && !/^\d+$/.test(served)) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "servedRegionId", label: "服务地区", message: "应为地区编号" }],
    });
  }
  return commissionerViewCondition(view, served ? Number(served) : undefined);
}
const serviceDto = z.object({
  id: z.number(),
  servedOn: z.string(),
  regionId: z.number(),
  regionName: z.string(),
  content: z.string(),
  peopleReached: z.number(),
});
const coverageDto = z.object({
  period: z.object({ code: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  region: z.object({ id: z.number(), name: z.string() }),
  towns: z.number(),
  coveredCount: z.number(),
  rate: z.number(),
  covered: z.array(
    z.object({ id: z.number(), name: z.string(), commissioners: z.array(z.string()) }),
  ),
  uncovered: z.array(z.object({ id: z.number(), name: z.string() })),
});

export function commissionerRoutes(db: Db, opts: { uploadMaxMb: number } = { uploadMaxMb: 20 }) {
  return async (app: FastifyInstance) => {
    await app.register(commissionerExcelRoutes(db, opts));
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: commissionerEntity };
    const write = { preHandler: requireLedgerWrite, config };

    async function present(rows: repo.CommissionerRow[], scope: Scope) {
      const assignments = await repo.loadAssignments(
        db,
        rows.map((c) => c.id),
      );
      const today = todayCst();
      return rows.map((c) => presentCommissioner(c, assignments, today, scope));
    }
    async function reload(id: number, scope: Scope) {
      const c = await repo.readCommissioner(db, scope, id);
      if (!c) throw new AppError("NOT_FOUND", { entity: commissionerEntity.label });
      const [dto] = await present([c], scope);
      if (!dto) throw new AppError("NOT_FOUND", { entity: commissionerEntity.label });
      return dto;
    }

    r.get(
      "/api/commissioners",
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(commissionerDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const query = parseListQuery(commissionerEntity, req.query);
        const scope = scopeOf(req);
        const page = await repo.listCommissioners(db, scope, query, listWhere(req.query));
        return { ...page, items: await present(page.items, scope) };
      },
    );

    r.get(
      "/api/commissioners/export",
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(commissionerEntity, req.query);
        const where = listWhere(req.query);
        const scope = scopeOf(req);
        const rows = (async function* () {
          for await (const c of repo.iterateCommissioners(db, scope, query, where)) {
            const [dto] = await present([c], scope);
            if (dto) yield { ...exportRow(commissionerEntity, dto), servingIn: dto.servingIn };
          }
        })();
        return sendXlsx(reply, "科技特派员名册.xlsx", {
          name: "科技特派员",
          columns: [
            ...exportColumns(commissionerEntity),
            { key: "servingIn", header: "现服务乡镇（村）", width: 30 },
          ],
          rows,
        });
      },
    );

    r.get(
      "/api/commissioners/coverage",
      { schema: { tags, querystring: regionPeriodQuery, response: { 200: coverageDto } } },
      async (req) => {
        const { region, period } = await resolveRegionPeriod(db, req, req.query);
        const towns = await repo.townCoverage(db, region.path, period);
        const covered = towns.filter((t) => t.commissioners.length > 0);
        return {
          period: { code: period.code, label: period.label, from: period.from, to: period.to },
          region: { id: region.id, name: region.name },
          towns: towns.length,
          coveredCount: covered.length,
          rate: towns.length === 0 ? 0 : covered.length / towns.length,
          covered,
          uncovered: towns
            .filter((t) => t.commissioners.length === 0)
            .map(({ id, name }) => ({ id, name })),
        };
      },
    );

    r.get(
      "/api/commissioners/:id",
      { config, schema: { tags, params: idParams, response: { 200: commissionerDto } } },
      async (req) => reload(req.params.id, scopeOf(req)),
    );

    r.post(
      "/api/commissioners",
      {
        ...write,
        schema: {
          tags,
          body: z.record(z.string(), z.unknown()),
          response: { 200: commissionerDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const c = await db
          .transaction()
          .execute((trx) => service.createCommissioner(trx, scope, req.body));
        return reload(c.id, scope);
      },
    );

    r.put(
      "/api/commissioners/:id",
      {
        ...write,
        schema: {
          tags,
          params: idParams,
          body: z.record(z.string(), z.unknown()),
          response: { 200: commissionerDto },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const c = await db
          .transaction()
          .execute((trx) => service.updateCommissioner(trx, scope, req.params.id, req.body));
        return reload(c.id, scope);
      },
    );

    r.delete(
      "/api/commissioners/:id",
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
          .execute((trx) =>
            service.deleteCommissioner(trx, scope, req.params.id, req.query.version),
          );
        return reply.status(204).send();
      },
    );

    r.get(
      "/api/commissioners/:id/services",
      {
        schema: {
          tags,
          params: idParams,
          response: { 200: z.object({ items: z.array(serviceDto) }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const c = await repo.readCommissioner(db, scope, req.params.id);
        if (!c) throw new AppError("NOT_FOUND", { entity: commissionerEntity.label });
        const rows = await repo.listServices(db, c.id);
        return {
          // A commissioner selected above the caller: only the services in the caller's region.
          items: rows
            .filter((s) => c.own || pathInScope(scope, s.region_path))
            .map((s) => ({
              id: s.id,
              servedOn: s.served_on,
              regionId: s.region_id,
              regionName: s.region_name,
              content: s.content,
              peopleReached: s.people_reached,
            })),
        };
      },
    );

    r.post(
      "/api/commissioners/:id/services",
      {
        preHandler: requireLedgerWrite,
        schema: { tags, params: idParams, body: z.record(z.string(), z.unknown()) },
      },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => service.addService(trx, scope, req.params.id, req.body));
        return { id: row.id };
      },
    );

    r.delete(
      "/api/commissioner-services/:id",
      { preHandler: requireLedgerWrite, schema: { tags, params: idParams } },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db.transaction().execute((trx) => service.deleteService(trx, scope, req.params.id));
        return reply.status(204).send();
      },
    );
  };
}
