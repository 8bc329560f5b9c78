import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { scopeOf } from "../../server/auth-plugin.ts";
import { listMine, markRead } from "./notifications.ts";
import { actorUnit } from "./tasks.repository.ts";

const notificationDto = z.object({
  id: z.number(),
  kind: z.string(),
  text: z.string(),
  taskId: z.number().nullable(),
  taskTitle: z.string().nullable(),
  /** true when addressed to the caller's unit rather than to the caller. */
  toUnit: z.boolean(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

/** The caller's notifications: addressed to them, or to their unit. */
export function notificationRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["notifications"];

    r.get(
      "/api/notifications",
      {
        schema: {
          tags,
          querystring: z.object({
            unread: z.enum(["0", "1"]).optional(),
            limit: z.coerce.number().int().min(1).max(200).optional(),
          }),
          response: { 200: z.object({ items: z.array(notificationDto), unread: z.number() }) },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const { unitId } = await actorUnit(db, scope.userId);
        const r0 = await listMine(db, scope, unitId, {
          unreadOnly: req.query.unread === "1",
          limit: req.query.limit,
        });
        return {
          unread: r0.unread,
          items: r0.items.map((n) => ({
            id: n.id,
            kind: n.kind,
            text: n.text,
            taskId: n.task_id,
            taskTitle: n.task_title,
            toUnit: n.user_id === null,
            readAt: n.read_at,
            createdAt: n.created_at,
          })),
        };
      },
    );

    const readResult = { 200: z.object({ updated: z.number() }) };
    r.post(
      "/api/notifications/:id/read",
      {
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: readResult,
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const { unitId } = await actorUnit(db, scope.userId);
        return { updated: await markRead(db, scope, unitId, req.params.id) };
      },
    );

    r.post(
      "/api/notifications/read-all",
      { schema: { tags, response: readResult } },
      async (req) => {
        const scope = scopeOf(req);
        const { unitId } = await actorUnit(db, scope.userId);
        return { updated: await markRead(db, scope, unitId) };
      },
    );
  };
}
