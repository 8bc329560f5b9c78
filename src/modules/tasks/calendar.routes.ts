import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { writeAudit } from "../../core/audit/audit.repository.ts";
import {
  deleteOverride,
  listOverrides,
  loadCalendar,
  upsertOverride,
} from "../../core/calendar/calendar.repository.ts";
import { KNOWN_YEARS } from "../../core/calendar/holidays.ts";
import type { Db } from "../../core/db/schema.ts";
import { parseInput } from "../../core/entity/validation.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, requireRole, scopeOf } from "../../server/auth-plugin.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { overrideInput, taskLabels } from "./entities.ts";

/**
 * The working-day calendar: built-in 国务院办公厅 arrangements plus admin overrides (a
 * deployment adds next year's days off and 调休 working weekends here when published).
 */
export function calendarRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["calendar"];
    const dateParams = z.object({ date: isoDateString });

    r.get(
      "/api/calendar/overrides",
      {
        schema: {
          tags,
          response: {
            200: z.object({
              knownYears: z.array(z.number()),
              items: z.array(
                z.object({ date: z.string(), isWorkday: z.boolean(), note: z.string().nullish() }),
              ),
            }),
          },
        },
      },
      async (req) => {
        requireAuth(req);
        return { knownYears: [...KNOWN_YEARS], items: await listOverrides(db) };
      },
    );

    r.put(
      "/api/calendar/overrides/:date",
      {
        preHandler: requireRole("admin"),
        schema: { tags, params: dateParams, body: z.record(z.string(), z.unknown()) },
      },
      async (req, reply) => {
        const input = parseInput(overrideInput, req.body, taskLabels);
        const o = { date: req.params.date, isWorkday: input.isWorkday, note: input.note ?? null };
        await upsertOverride(db, o);
        await writeAudit(db, scopeOf(req), {
          action: "update",
          entity: "calendarOverride",
          recordId: o.date,
          after: o,
        });
        return reply.status(204).send();
      },
    );

    r.delete(
      "/api/calendar/overrides/:date",
      { preHandler: requireRole("admin"), schema: { tags, params: dateParams } },
      async (req, reply) => {
        if (!(await deleteOverride(db, req.params.date)))
          throw new AppError("NOT_FOUND", { entity: "日历调整" });
        await writeAudit(db, scopeOf(req), {
          action: "delete",
          entity: "calendarOverride",
          recordId: req.params.date,
        });
        return reply.status(204).send();
      },
    );

    r.get(
      "/api/calendar/add-workdays",
      {
        schema: {
          tags,
          querystring: z.object({
            from: isoDateString,
            n: z.coerce.number().int().min(-1000).max(1000),
          }),
          response: {
            200: z.object({
              from: z.string(),
              n: z.number(),
              date: z.string(),
              note: z.string().nullable(),
            }),
          },
        },
      },
      async (req) => {
        requireAuth(req);
        const cal = await loadCalendar(db);
        const date = cal.addWorkdays(req.query.from, req.query.n);
        return { from: req.query.from, n: req.query.n, date, note: cal.noteOf(date) };
      },
    );
  };
}
