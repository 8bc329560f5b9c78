import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { requireAuth, requireRole, scopeOf } from "../../server/auth-plugin.ts";
import * as dict from "./dictionaries.ts";

const tags = ["activities"];
const body = z.record(z.string(), z.unknown());
const codeParams = z.object({ code: z.string().max(40) });

/** 主题活动 and 成效指标 dictionaries: every entry (active or not) for all; writes for admins. */
export function activityDictionaryRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const admin = { preHandler: requireRole("admin") };

    r.get("/api/activities/campaigns", { schema: { tags } }, async (req) => {
      requireAuth(req);
      const rows = await db.selectFrom("activity_campaigns").selectAll().orderBy("sort").execute();
      return { items: rows.map(dict.presentCampaign) };
    });
    r.post("/api/activities/campaigns", { ...admin, schema: { tags, body } }, async (req) => {
      const scope = scopeOf(req);
      const row = await db
        .transaction()
        .execute((trx) => dict.createCampaign(trx, scope, req.body));
      return dict.presentCampaign(row);
    });
    r.put(
      "/api/activities/campaigns/:code",
      { ...admin, schema: { tags, body, params: codeParams } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => dict.updateCampaign(trx, scope, req.params.code, req.body));
        return dict.presentCampaign(row);
      },
    );

    r.get("/api/activities/output-kinds", { schema: { tags } }, async (req) => {
      requireAuth(req);
      const rows = await db
        .selectFrom("activity_output_kinds")
        .selectAll()
        .orderBy("sort")
        .execute();
      return { items: rows.map(dict.presentOutputKind) };
    });
    r.post("/api/activities/output-kinds", { ...admin, schema: { tags, body } }, async (req) => {
      const scope = scopeOf(req);
      const row = await db
        .transaction()
        .execute((trx) => dict.createOutputKind(trx, scope, req.body));
      return dict.presentOutputKind(row);
    });
    r.put(
      "/api/activities/output-kinds/:code",
      { ...admin, schema: { tags, body, params: codeParams } },
      async (req) => {
        const scope = scopeOf(req);
        const row = await db
          .transaction()
          .execute((trx) => dict.updateOutputKind(trx, scope, req.params.code, req.body));
        return dict.presentOutputKind(row);
      },
    );
  };
}
