import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { readListView } from "../../core/entity/list-view.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { expiringCertificates, pipeline, tsmeNotRenewed } from "./alerts.ts";
import * as repo from "./enterprises.repository.ts";
import * as service from "./enterprises.service.ts";
import { enterpriseEntity, isoDate } from "./entities.ts";
import { ENTERPRISE_VIEWS } from "./list-views.ts";
import { STAGES } from "./pipeline.ts";
import { camel, enterpriseDto, presentEnterprise, todayCst } from "./presenter.ts";
import { importRecognitions } from "./recognition-import.ts";
import * as records from "./records.repository.ts";

const idParams = z.object({ id: z.coerce.number().int().positive() });
const todayQuery = z.object({ today: isoDate.optional() });
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

/** Splits the per-year view (year, qualification) off the generic list query. */
function listView(raw: Record<string, string>) {
  const { year, qualification, today, ...rest } = raw;
  if (year !== undefined && year !== "" && !/^\d{4}$/.test(year)) {
    throw new AppError("VALIDATION", {
      fields: [{ field: "year", label: "统计年度", message: "应为四位年份" }],
    });
  }
  const view: repo.ListView = {
    year: year ? Number(year) : undefined,
    qualification: qualification ? qualification.split(",").filter(Boolean) : undefined,
    today: today && isoDate.safeParse(today).success ? today : todayCst(),
    preset: readListView(raw, ENTERPRISE_VIEWS),
  };
  return { view, query: parseListQuery(enterpriseEntity, rest) };
}

export function enterpriseRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: enterpriseEntity };
    const write = { preHandler: requireLedgerWrite, config };
    const tags = ["enterprises"];
    const anyQuery = z.record(z.string(), z.string());
    const anyBody = z.record(z.string(), z.unknown());

    r.get(
      "/api/enterprises",
      {
        config,
        schema: { tags, querystring: anyQuery, response: { 200: pageDto(enterpriseDto) } },
      },
      async (req) => {
        requireAuth(req);
        const { view, query } = listView(req.query);
        const page = await repo.listEnterprises(db, scopeOf(req), query, view);
        return { ...page, items: page.items.map(presentEnterprise) };
      },
    );

    r.get(
      "/api/enterprises/export",
      { config, schema: { tags, querystring: anyQuery } },
      async (req, reply) => {
        requireAuth(req);
        const { view, query } = listView(req.query);
        const rows = (async function* () {
          for await (const e of repo.iterateEnterprises(db, scopeOf(req), query, view))
            yield exportRow(enterpriseEntity, presentEnterprise(e));
        })();
        return sendXlsx(reply, "企业名录.xlsx", {
          name: "企业",
          columns: exportColumns(enterpriseEntity),
          rows,
        });
      },
    );

    r.get("/api/enterprises/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "企业导入模板.xlsx", {
        name: "企业",
        columns: exportColumns(enterpriseEntity),
        rows: [],
      });
    });

    r.get("/api/enterprises/qualification-kinds", { schema: { tags } }, async (req) => {
      requireAuth(req);
      const kinds = await records.listKinds(db);
      return { items: kinds.map((k) => camel(k)) };
    });

    r.get("/api/enterprises/alerts", { schema: { tags, querystring: todayQuery } }, async (req) => {
      const scope = scopeOf(req);
      const today = req.query.today ?? todayCst();
      return {
        today,
        expiring: await expiringCertificates(db, scope, today),
        tsmeNotRenewed: await tsmeNotRenewed(db, scope, today),
      };
    });

    r.get(
      "/api/enterprises/pipeline",
      {
        schema: {
          tags,
          querystring: todayQuery.extend({
            stage: z.enum(STAGES).optional(),
            page: z.coerce.number().int().min(1).default(1),
            pageSize: z.coerce.number().int().min(1).max(200).default(20),
          }),
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const today = req.query.today ?? todayCst();
        const all = await pipeline(db, scope, today);
        const counts = Object.fromEntries(STAGES.map((s) => [s, 0]));
        for (const item of all) counts[item.stage] = (counts[item.stage] ?? 0) + 1;
        const items = req.query.stage ? all.filter((i) => i.stage === req.query.stage) : all;
        const { page, pageSize } = req.query;
        return {
          today,
          counts,
          total: items.length,
          page,
          pageSize,
          items: items.slice((page - 1) * pageSize, page * pageSize),
        };
      },
    );

    r.get("/api/enterprises/:id", { config, schema: { tags, params: idParams } }, async (req) => {
      const scope = scopeOf(req);
      const e = await repo.getEnterprise(db, scope, req.params.id, todayCst());
      if (!e) throw new AppError("NOT_FOUND", { entity: enterpriseEntity.label });
      const [quals, apps, yearly] = await Promise.all([
        records.qualificationsOf(db, scope, e.id),
        records.applicationsOf(db, scope, e.id),
        records.yearlyOf(db, scope, e.id),
      ]);
      return {
        ...presentEnterprise(e),
        qualificationRecords: quals.map(camel),
        applications: apps.map(camel),
        yearly: yearly.map(camel),
      };
    });

    r.post(
      "/api/enterprises",
      { ...write, schema: { tags, body: anyBody, response: { 200: enterpriseDto } } },
      async (req) => {
        const scope = scopeOf(req);
        const e = await db
          .transaction()
          .execute((trx) => service.createEnterprise(trx, scope, req.body));
        return presentEnterprise((await repo.getEnterprise(db, scope, e.id, todayCst())) ?? e);
      },
    );

    r.put(
      "/api/enterprises/:id",
      {
        ...write,
        schema: { tags, params: idParams, body: anyBody, response: { 200: enterpriseDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const e = await db
          .transaction()
          .execute((trx) => service.updateEnterprise(trx, scope, req.params.id, req.body));
        return presentEnterprise((await repo.getEnterprise(db, scope, e.id, todayCst())) ?? e);
      },
    );

    r.delete(
      "/api/enterprises/:id",
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
          .execute((trx) => service.deleteEnterprise(trx, scope, req.params.id, req.query.version));
        return reply.status(204).send();
      },
    );

    r.post(
      "/api/enterprises/import",
      { ...write, schema: { tags, response: { 200: importResult } } },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return service.importEnterprises(
          db,
          scopeOf(req),
          { buffer: file.buffer },
          { filename: file.filename, maxBytes: opts.uploadMaxMb * 1048576 },
        );
      },
    );

    r.post(
      "/api/enterprises/recognitions/import",
      {
        ...write,
        schema: {
          tags,
          querystring: z.object({
            kind: z.string().max(40).default("hte"),
            createMissing: z.enum(["true", "false"]).default("false"),
          }),
        },
      },
      async (req) => {
        const file = await readUpload(req, opts.uploadMaxMb);
        return importRecognitions(db, scopeOf(req), file.buffer, {
          filename: file.filename,
          maxBytes: opts.uploadMaxMb * 1048576,
          kindCode: req.query.kind,
          createMissing: req.query.createMissing === "true",
        });
      },
    );
  };
}
