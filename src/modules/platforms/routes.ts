import type { Db } from "../../core/db/schema.ts";
import { ledgersRoutes } from "./ledger/routes.ts";
import { platformLedgers } from "./ledgers.ts";

/** /api/platforms, /api/platform-checks and /api/cooperation. */
export function platformRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return ledgersRoutes(db, platformLedgers, { ...opts, tag: "platforms" });
}
