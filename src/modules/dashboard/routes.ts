import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import type { MetricRegistry } from "../../core/metrics/registry.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { todayCst } from "../../core/report/composer.ts";
import { pathInScope } from "../../core/scope.ts";
import { requireAuth } from "../../server/auth-plugin.ts";
import { WIDGET_NAMES, type WidgetName, widgets } from "./widgets.ts";

const query = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** One endpoint per widget, so the page loads them in parallel and each can be timed. */
export function dashboardRoutes(db: Db, registry: MetricRegistry) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      "/api/dashboard/:widget",
      {
        schema: {
          tags: ["dashboard"],
          params: z.object({ widget: z.enum(WIDGET_NAMES as [WidgetName, ...WidgetName[]]) }),
          querystring: query,
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        const region = req.query.regionId
          ? await getRegion(db, req.query.regionId)
          : auth.activeRegion;
        if (!region || !pathInScope(auth.scope, region.path)) {
          throw new AppError("OUT_OF_SCOPE", { what: "所选地区" });
        }
        const today = todayCst();
        const year = req.query.year ?? Number(today.slice(0, 4));
        const end = `${year}-12-31`;
        const to = today < end ? (today < `${year}-01-01` ? `${year}-01-01` : today) : end;
        const children = await db
          .selectFrom("regions")
          .select(["id", "path", "name", "level"])
          .where("parent_id", "=", region.id)
          .where("level", "<=", 3)
          .orderBy("sort")
          .orderBy("id")
          .execute();
        const ctx = { db, registry, scope: auth.scope, region, year, to, children };
        const data = await widgets[req.params.widget](ctx);
        return {
          widget: req.params.widget,
          region: { id: region.id, name: region.name, level: region.level },
          year,
          to,
          data,
        };
      },
    );
  };
}
