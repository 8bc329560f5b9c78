import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { Conn, Region } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { type Period, periodFromInput } from "../../core/metrics/period.ts";
import { getRegion } from "../../core/regions/regions.repository.ts";
import { pathInScope } from "../../core/scope.ts";
import { requireAuth } from "../../server/auth-plugin.ts";

/** Query of a statistics view: a region inside the caller's scope and a period. */
export const regionPeriodQuery = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  period: z.string().max(30).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type RegionPeriodQuery = z.infer<typeof regionPeriodQuery>;

/** Resolves the region (default: the active one) and period (default: this year). */
export async function resolveRegionPeriod(
  db: Conn,
  req: Pick<FastifyRequest, "auth">,
  q: RegionPeriodQuery,
): Promise<{ region: Region; period: Period }> {
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
