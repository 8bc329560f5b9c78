import type { Db } from "../../core/db/schema.ts";
import { ledgersRoutes } from "../platforms/ledger/routes.ts";
import { achievementLedgers } from "./ledgers.ts";

/** /api/achievements, /api/standards, /api/awards and /api/honours. */
export function achievementRoutes(db: Db, opts: { uploadMaxMb: number }) {
  return ledgersRoutes(db, achievementLedgers, { ...opts, tag: "achievements" });
}
