import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import type { Db } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { exportColumns, exportRow } from "../../core/entity/export.ts";
import { parseListQuery } from "../../core/entity/list.ts";
import { AppError } from "../../core/errors.ts";
import { metricScope } from "../../core/metrics/metric.ts";
import { periodFromInput } from "../../core/metrics/period.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { pathInScope } from "../../core/scope.ts";
import { requireAuth, requireLedgerWrite, scopeOf } from "../../server/auth-plugin.ts";
import { readUpload, sendXlsx } from "../../server/excel-reply.ts";
import { pageDto } from "../../server/presenters.ts";
import { patentEntity } from "./entities.ts";
import { importPatents } from "./import.ts";
import { patentImportJobRoutes } from "./import-jobs.routes.ts";
import * as repo from "./patents.repository.ts";
import * as service from "./patents.service.ts";
import { patentDto, presentPatent } from "./presenter.ts";
import { statsByMonth, statsByType } from "./stats.ts";

registerConstraintLabels({ patents_application_no_key: "该申请号" });

const idParams = z.object({ id: z.coerce.number().int().positive() });
const importResult = z.object({
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
/** An enterprise's patents (its page in the registry): `?enterpriseId=` on the list. */
const byEnterprise = z.object({ enterpriseId: z.coerce.number().int().positive().optional() });

function enterpriseOf(query: unknown): number | undefined {
  const r = byEnterprise.safeParse(query);
  if (r.success) return r.data.enterpriseId;
  throw new AppError("VALIDATION", {
    fields: [{ field: "enterpriseId", label: "关联企业", message: "应为企业编号（正整数）" }],
  });
}

const statsQuery = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  period: z.string().max(30).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

/** Today in Beijing time, 'YYYY-MM-DD' (status dates of list rows that carry none). */
export function todayCst(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
}

export function patentRoutes(
  db: Db,
  opts: { uploadMaxMb: number; bulkMaxMb?: number; dataDir?: string },
) {
  return async (app: FastifyInstance) => {
    await patentImportJobRoutes(db, {
      uploadMaxMb: opts.bulkMaxMb ?? opts.uploadMaxMb,
      // Uploads of big lists wait on disk next to the data, not in the system temp dir.
      tmpDir: join(opts.dataDir ?? tmpdir(), "tmp"),
      today: todayCst,
    })(app);
    const r = app.withTypeProvider<ZodTypeProvider>();
    const config = { entity: patentEntity };
    const tags = ["patents"];

    r.get(
      "/api/patents",
      {
        config,
        schema: {
          tags,
          querystring: z.record(z.string(), z.string()),
          response: { 200: pageDto(patentDto) },
        },
      },
      async (req) => {
        requireAuth(req);
        const query = parseListQuery(patentEntity, req.query);
        const enterpriseId = enterpriseOf(req.query);
        const page = await repo.listPatents(db, scopeOf(req), query, { enterpriseId });
        return { ...page, items: page.items.map(presentPatent) };
      },
    );

    r.get(
      "/api/patents/export",
      { config, schema: { tags, querystring: z.record(z.string(), z.string()) } },
      async (req, reply) => {
        requireAuth(req);
        const query = parseListQuery(patentEntity, req.query);
        const rows = (async function* () {
          for await (const p of repo.iteratePatents(db, scopeOf(req), query))
            yield exportRow(patentEntity, presentPatent(p));
        })();
        return sendXlsx(reply, "专利台账.xlsx", {
          name: "专利",
          columns: exportColumns(patentEntity),
          rows,
        });
      },
    );

    r.get("/api/patents/template", { config, schema: { tags } }, async (req, reply) => {
      requireAuth(req);
      return sendXlsx(reply, "专利导入模板.xlsx", {
        name: "专利",
        columns: exportColumns(patentEntity),
        rows: [],
      });
    });

    r.get("/api/patents/stats", { schema: { tags, querystring: statsQuery } }, async (req) => {
      const auth = requireAuth(req);
      const q = req.query;
      const region = q.regionId ? await getRegion(db, q.regionId) : auth.activeRegion;
      if (!region || !pathInScope(auth.scope, region.path))
        throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
      const period = periodFromInput({
        period: q.period ?? (q.from ? undefined : String(new Date().getFullYear())),
        from: q.from,
        to: q.to,
      });
      const s = metricScope(region, period);
      return {
        region: { id: region.id, name: region.name },
        period: { code: period.code, label: period.label, from: period.from, to: period.to },
        byType: await statsByType(db, s),
        byMonth: await statsByMonth(db, s),
      };
    });

    r.get(
      "/api/patents/:id",
      { config, schema: { tags, params: idParams, response: { 200: patentDto } } },
      async (req) => {
        const p = await repo.getPatent(db, scopeOf(req), req.params.id);
        if (!p) throw new AppError("NOT_FOUND", { entity: patentEntity.label });
        return presentPatent(p);
      },
    );

    const body = z.record(z.string(), z.unknown());
    r.post(
      "/api/patents",
      {
        preHandler: requireLedgerWrite,
        config,
        schema: { tags, body, response: { 200: patentDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => service.createPatent(trx, scope, req.body, todayCst()));
        const row = await repo.getPatent(db, scope, p.id);
        if (!row) throw new AppError("NOT_FOUND", { entity: patentEntity.label });
        return presentPatent(row);
      },
    );

    r.put(
      "/api/patents/:id",
      {
        preHandler: requireLedgerWrite,
        config,
        schema: { tags, params: idParams, body, response: { 200: patentDto } },
      },
      async (req) => {
        const scope = scopeOf(req);
        const p = await db
          .transaction()
          .execute((trx) => service.updatePatent(trx, scope, req.params.id, req.body, todayCst()));
        const row = await repo.getPatent(db, scope, p.id);
        if (!row) throw new AppError("NOT_FOUND", { entity: patentEntity.label });
        return presentPatent(row);
      },
    );

    r.delete(
      "/api/patents/:id",
      {
        preHandler: requireLedgerWrite,
        config,
        schema: {
          tags,
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().positive() }),
        },
      },
      async (req, reply) => {
        const scope = scopeOf(req);
        await db.transaction().execute(async (trx) => {
          const p = await repo.deletePatent(trx, scope, req.params.id, req.query.version);
          if (!p) {
            const exists = await repo.getPatent(trx, scope, req.params.id);
            if (exists) throw new AppError("VERSION_CONFLICT", { entity: patentEntity.label });
            throw new AppError("NOT_FOUND", { entity: patentEntity.label });
          }
          await writeAudit(trx, scope, {
            action: "delete",
            entity: "patent",
            recordId: p.id,
            regionPath: p.region_path,
            before: p,
          });
        });
        return reply.status(204).send();
      },
    );

    r.post(
      "/api/patents/import",
      {
        preHandler: requireLedgerWrite,
        config,
        schema: {
          tags,
          querystring: z.object({ regionId: z.coerce.number().int().positive().optional() }),
          response: { 200: importResult },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const file = await readUpload(req, opts.uploadMaxMb);
        return importPatents(
          db,
          scope,
          { buffer: file.buffer },
          {
            filename: file.filename,
            maxBytes: opts.uploadMaxMb * 1048576,
            regionId: req.query.regionId,
            today: todayCst(),
          },
        );
      },
    );
  };
}
