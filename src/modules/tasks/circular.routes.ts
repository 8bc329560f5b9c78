import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { todayCst } from "../../core/report/composer.ts";
import { scopeOf } from "../../server/auth-plugin.ts";
import { isoDateString } from "../fieldwork/dates.ts";
import { buildCircular } from "./circular.ts";
import { circularDocx, circularTitle, circularXlsx } from "./circular-export.ts";

const dateQuery = z.object({ date: isoDateString.optional() });
const countsDto = z.object({
  total: z.number(),
  closed: z.number(),
  closedLate: z.number(),
  inProgress: z.number(),
  dueSoon: z.number(),
  overdue: z.number(),
});
const circularDto = z.object({
  date: z.string(),
  from: z.string(),
  regionName: z.string(),
  title: z.string(),
  totals: countsDto,
  units: z.array(
    z.object({
      unitId: z.number(),
      unitName: z.string(),
      counts: countsDto,
      tasks: z.array(
        z.object({
          id: z.number(),
          title: z.string(),
          source: z.string(),
          coUnits: z.array(z.string()),
          assignedOn: z.string(),
          dueOn: z.string(),
          status: z.string(),
          percent: z.number().nullable(),
          completedOn: z.string().nullable(),
          light: z.string(),
          lightLabel: z.string(),
        }),
      ),
    }),
  ),
});

function sendFile(reply: FastifyReply, filename: string, type: string, body: Buffer) {
  return reply
    .header("content-type", type)
    .header(
      "content-disposition",
      `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header("cache-control", "no-store")
    .send(body);
}

async function issuerOf(db: Db, regionId: number): Promise<string> {
  const u = await db
    .selectFrom("units")
    .select("name")
    .where("region_id", "=", regionId)
    .where("kind", "=", "科技局")
    .orderBy("sort")
    .executeTakeFirst();
  return u?.name ?? "科学技术局";
}

/** 情况通报 for a date (default today): JSON for the page, XLSX and DOCX downloads. */
export function circularRoutes(db: Db) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["tasks"];

    r.get(
      "/api/tasks/circular",
      { schema: { tags, querystring: dateQuery, response: { 200: circularDto } } },
      async (req) => {
        const date = req.query.date ?? todayCst();
        const c = await buildCircular(db, scopeOf(req), date);
        return { ...c, title: circularTitle(date) };
      },
    );

    r.get(
      "/api/tasks/circular.xlsx",
      { schema: { tags, querystring: dateQuery } },
      async (req, reply) => {
        const date = req.query.date ?? todayCst();
        const c = await buildCircular(db, scopeOf(req), date);
        const type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return sendFile(reply, `重点工作任务情况通报（${date}）.xlsx`, type, await circularXlsx(c));
      },
    );

    r.get(
      "/api/tasks/circular.docx",
      { schema: { tags, querystring: dateQuery } },
      async (req, reply) => {
        const scope = scopeOf(req);
        const date = req.query.date ?? todayCst();
        const c = await buildCircular(db, scope, date);
        const docx = await circularDocx(c, await issuerOf(db, scope.regionId));
        const type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return sendFile(reply, `${circularTitle(date)}.docx`, type, docx);
      },
    );
  };
}
