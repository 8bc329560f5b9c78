import { sql } from "kysely";
import { canWriteLedgers } from "../auth/session.service.ts";
import type { Conn } from "../db/schema.ts";
import { type Scope, type ScopedTable, whereInScope } from "../scope.ts";
import type { AttachmentOwner, OwnerLocation } from "./owners.ts";

/**
 * The usual owner: a row of a region-owned ledger table, found by id in the caller's scope
 * and writable by whoever may write ledgers there.
 */
export function ledgerAttachmentOwner(
  type: string,
  label: string,
  table: ScopedTable,
): AttachmentOwner {
  const locate = async (db: Conn, scope: Scope, ownerId: number) => {
    const row = await whereInScope(
      db
        .selectFrom(table)
        .select([sql<number>`region_id`.as("regionId"), sql<string>`region_path`.as("regionPath")])
        .where(sql.ref("id"), "=", ownerId),
      scope,
      "region_path",
    ).executeTakeFirst();
    return (row as OwnerLocation | undefined) ?? null;
  };
  return {
    type,
    label,
    locate,
    async canWrite(db, scope, ownerId) {
      return canWriteLedgers(scope) && (await locate(db, scope, ownerId)) !== null;
    },
  };
}
