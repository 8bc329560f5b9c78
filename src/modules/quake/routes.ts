import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../core/db/schema.ts";
import { AppError } from "../../core/errors.ts";
import { requireAuth, scopeOf } from "../../server/auth-plugin.ts";
import { ledgersRoutes } from "../platforms/ledger/routes.ts";
import { LEDGERS } from "./ledgers.ts";
import { currentMonth, missingReports } from "./missing.ts";

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式应为 YYYY-MM");
const tags = ["quake"];

/** The six ledgers under /api/quake/<ledger> (CRUD and Excel), and the 缺报 alerts. */
export function quakeRoutes(db: Db, opts: { uploadMaxMb: number } = { uploadMaxMb: 20 }) {
  return async (app: FastifyInstance) => {
    await app.register(ledgersRoutes(db, LEDGERS, { ...opts, tag: "quake" }));
    const r = app.withTypeProvider<ZodTypeProvider>();

    /** 缺报 alerts: active point × month with no report, from..to (default: this year so far). */
    r.get(
      "/api/quake/missing",
      {
        schema: {
          tags,
          querystring: z.object({ from: monthParam.optional(), to: monthParam.optional() }),
        },
      },
      async (req) => {
        requireAuth(req);
        const now = currentMonth();
        const from = req.query.from ?? `${now.slice(0, 4)}-01`;
        const to = req.query.to ?? now;
        if (from > to)
          throw new AppError("VALIDATION", {
            fields: [{ field: "from", label: "起始月份", message: "不能晚于截止月份" }],
          });
        const items = await missingReports(db, scopeOf(req).regionPath, from, to, now);
        return { from, to, items };
      },
    );
  };
}
