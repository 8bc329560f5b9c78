import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Conn, Db, Region } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { metricScope } from "../../core/metrics/metric.ts";
import { daysInMonth, isoDate } from "../../core/metrics/period.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { pathInScope } from "../../core/scope.ts";
import { requireAuth } from "../../server/auth-plugin.ts";
import { PATENT_TYPES, type PatentType } from "./application-no.ts";

/** The registry metric behind each (type, flow) cell of the monthly chart. */
const METRIC: Record<PatentType, { applications: string; grants: string }> = {
  发明: {
    applications: "patents.applications.invention",
    grants: "patents.grants.invention",
  },
  实用新型: {
    applications: "patents.applications.utility",
    grants: "patents.grants.utility",
  },
  外观设计: {
    applications: "patents.applications.design",
    grants: "patents.grants.design",
  },
};

export interface MonthlySeries {
  year: number;
  region: { id: number; name: string };
  /** "YYYY-MM", twelve of them. */
  months: string[];
  applications: Record<PatentType, number[]>;
  grants: Record<PatentType, number[]>;
  /** The metric id of each series, so the UI can say where a number comes from. */
  metrics: Record<PatentType, { applications: string; grants: string }>;
}

const series = (): Record<PatentType, number[]> => ({ 发明: [], 实用新型: [], 外观设计: [] });

/**
 * Applications and grants by type for each month of a year. Every number is a registry
 * metric evaluated with the month as its scope (from the 1st to the last day), so the chart
 * states exactly what /api/metrics would for that month.
 */
export async function monthlySeries(
  db: Conn,
  registry: MetricRegistry,
  region: Pick<Region, "id" | "path" | "name">,
  year: number,
): Promise<MonthlySeries> {
  const out: MonthlySeries = {
    year,
    region: { id: region.id, name: region.name },
    months: [],
    applications: series(),
    grants: series(),
    metrics: METRIC,
  };
  for (let month = 1; month <= 12; month++) {
    const scope = metricScope(region, {
      from: isoDate(year, month, 1),
      to: isoDate(year, month, daysInMonth(year, month)),
    });
    out.months.push(scope.from.slice(0, 7));
    const ids = PATENT_TYPES.flatMap((t) => [METRIC[t].applications, METRIC[t].grants]);
    const values = await registry.evaluateMany(db, ids, scope);
    PATENT_TYPES.forEach((t, i) => {
      out.applications[t].push(values[2 * i]?.value ?? 0);
      out.grants[t].push(values[2 * i + 1]?.value ?? 0);
    });
  }
  return out;
}

const query = z.object({
  year: z.coerce.number().int().min(1985).max(2100).optional(),
  regionId: z.coerce.number().int().positive().optional(),
});

/** GET /api/patents/stats/monthly?year=2026[&regionId=] — 12 months × type, via the registry. */
export function patentMonthlyRoutes(db: Db, registry: MetricRegistry) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      "/api/patents/stats/monthly",
      { schema: { tags: ["patents"], querystring: query } },
      async (req) => {
        const auth = requireAuth(req);
        const region = req.query.regionId
          ? await getRegion(db, req.query.regionId)
          : auth.activeRegion;
        if (!region || !pathInScope(auth.scope, region.path))
          throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
        const year = req.query.year ?? new Date().getFullYear();
        return monthlySeries(db, registry, region, year);
      },
    );
  };
}
