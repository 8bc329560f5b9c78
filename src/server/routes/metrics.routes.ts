import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { metricScope } from "../../core/metrics/metric.ts";
import { periodFromInput } from "../../core/metrics/period.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { composeReport } from "../../core/report/composer.ts";
import type { ReportContributor } from "../../core/report/contribution.ts";
import { renderHtml } from "../../core/report/html.ts";
import { pathInScope } from "../../core/scope.ts";
import { CONTENT_TYPES, renderReport, reportFilename } from "../../reports/generate.ts";
import { requireAuth } from "../auth-plugin.ts";

const scopeQuery = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  period: z.string().max(20).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

/** Metric values and the report preview, always for a region inside the caller's scope. */
export function metricRoutes(
  db: Db,
  registry: MetricRegistry,
  contributors: readonly ReportContributor[],
) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    async function resolve(
      req: { auth: Parameters<typeof requireAuth>[0]["auth"] },
      q: z.infer<typeof scopeQuery>,
    ) {
      const auth = requireAuth(req);
      const region = q.regionId ? await getRegion(db, q.regionId) : auth.activeRegion;
      if (!region || !pathInScope(auth.scope, region.path))
        throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
      const period = periodFromInput({
        period: q.period ?? (q.from ? undefined : String(new Date().getFullYear())),
        from: q.from,
        to: q.to,
      });
      return { region, period };
    }

    r.get("/api/metrics/catalog", { schema: { tags: ["metrics"] } }, async (req) => {
      requireAuth(req);
      return {
        items: registry.listMetrics().map(({ id, label, unit, kind, description }) => ({
          id,
          label,
          unit,
          kind,
          description,
        })),
      };
    });

    r.get(
      "/api/metrics",
      {
        schema: {
          tags: ["metrics"],
          querystring: scopeQuery.extend({ ids: z.string().min(1).max(2000) }),
        },
      },
      async (req) => {
        const { region, period } = await resolve(req, req.query);
        const scope = metricScope(region, period);
        const values = await registry.evaluateMany(db, req.query.ids.split(","), scope);
        return {
          period: { code: period.code, label: period.label, from: period.from, to: period.to },
          region: { id: region.id, name: region.name },
          values: values.map(({ id, label, unit, value }) => ({ id, label, unit, value })),
        };
      },
    );

    r.get(
      "/api/reports/preview",
      { schema: { tags: ["reports"], querystring: scopeQuery } },
      async (req, reply) => {
        const { region, period } = await resolve(req, req.query);
        const doc = await composeReport({ db, registry, contributors, region, period });
        return reply.type("text/html; charset=utf-8").send(renderHtml(doc, { registry }));
      },
    );

    for (const format of ["docx", "xlsx"] as const) {
      r.get(
        `/api/reports/${format}`,
        { schema: { tags: ["reports"], querystring: scopeQuery } },
        async (req, reply) => {
          const { region, period } = await resolve(req, req.query);
          const doc = await composeReport({ db, registry, contributors, region, period });
          const body = await renderReport(doc, format, { registry });
          return reply
            .header("content-type", CONTENT_TYPES[format])
            .header(
              "content-disposition",
              `attachment; filename="report.${format}"; filename*=UTF-8''${encodeURIComponent(reportFilename(doc, format))}`,
            )
            .header("cache-control", "no-store")
            .send(body);
        },
      );
    }
  };
}
