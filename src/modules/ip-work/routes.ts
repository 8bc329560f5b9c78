import type { FastifyInstance } from "fastify";
import type { Db } from "../../core/db/schema.ts";
import { ledgersRoutes } from "../platforms/ledger/routes.ts";
import { IP_WORK_LEDGERS } from "./ledgers.ts";

/**
 * /api/ip/enforcement (执法行动) and /api/ip/disputes (专利纠纷案件): CRUD, Excel export,
 * template and all-or-nothing import, served by the shared ledger engine.
 */
export function ipWorkRoutes(db: Db, opts: { uploadMaxMb: number } = { uploadMaxMb: 20 }) {
  return async (app: FastifyInstance) => {
    await app.register(ledgersRoutes(db, IP_WORK_LEDGERS, { ...opts, tag: "ip-work" }));
  };
}
