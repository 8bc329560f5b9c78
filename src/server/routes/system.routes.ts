import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { auditQuerySchema, listAudit } from "../../core/audit/audit.repository.ts";
import type { Db } from "../../core/db/schema.ts";
import { type EntityDef, entityMeta, withLiveOptions } from "../../core/entity/define.ts";
import { AppError } from "../../core/errors.ts";
import { listSubtree } from "../../core/regions/regions.repository.ts";
import { requireAuth, requireRole, scopeOf } from "../auth-plugin.ts";
import { pageDto, presentRegion, regionDto } from "../presenters.ts";

const auditDto = z.object({
  id: z.number(),
  at: z.date(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  recordId: z.string().nullable(),
  regionPath: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

/** Regions, entity metadata for the generic UI, and the audit log. */
export function systemRoutes(db: Db, entities: EntityDef[]) {
  const byName = new Map(entities.map((e) => [e.name, e]));
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      "/api/regions",
      {
        schema: {
          tags: ["system"],
          querystring: z.object({ maxLevel: z.coerce.number().int().min(1).max(5).default(5) }),
          response: { 200: z.object({ items: z.array(regionDto) }) },
        },
      },
      async (req) => {
        const auth = requireAuth(req);
        // The switcher needs the whole home subtree, not just the active region's.
        const items = await listSubtree(db, auth.homeRegion.path, req.query.maxLevel);
        return { items: items.map(presentRegion) };
      },
    );

    r.get(
      "/api/meta/entities/:name",
      { schema: { tags: ["system"], params: z.object({ name: z.string() }) } },
      async (req) => {
        requireAuth(req);
        const def = byName.get(req.params.name);
        if (!def) throw new AppError("NOT_FOUND", { entity: "数据类型" });
        return entityMeta(await withLiveOptions(db, def));
      },
    );

    r.get(
      "/api/audit",
      {
        preHandler: requireRole("admin"),
        schema: {
          tags: ["system"],
          querystring: auditQuerySchema,
          response: { 200: pageDto(auditDto) },
        },
      },
      async (req) => {
        const page = await listAudit(db, scopeOf(req), req.query);
        return {
          ...page,
          items: page.items.map((a) => ({
            id: a.id,
            at: a.at,
            userId: a.user_id,
            username: a.username,
            action: a.action,
            entity: a.entity,
            recordId: a.record_id,
            regionPath: a.region_path,
            before: a.before,
            after: a.after,
            ip: a.ip,
          })),
        };
      },
    );
  };
}
