import type { Conn } from "../../../core/db/schema.ts";
import { AppError } from "../../../core/errors.ts";
import { type Scope, whereInScope } from "../../../core/scope.ts";
import { findEnterprise } from "../../enterprises/enterprises.repository.ts";
import { normaliseEnterpriseName } from "../../enterprises/name-normalise.ts";
import type { Values } from "./engine.ts";

/**
 * Links a record to the enterprise registry: a chosen enterprise (in scope) names the
 * party; otherwise a typed name that matches exactly one registered enterprise in scope is
 * linked to it, so agreements and awards imported by name still reach the registry.
 */
export function linkEnterprise(nameColumn: string, what: string) {
  return async (db: Conn, scope: Scope, values: Values): Promise<void> => {
    const id = values.enterprise_id;
    if (typeof id === "number") {
      const e = await findEnterprise(db, scope, id);
      if (!e) throw new AppError("OUT_OF_SCOPE", { what });
      values[nameColumn] = e.name;
      return;
    }
    values.enterprise_id = null;
    const name = values[nameColumn];
    if (typeof name !== "string" || !name) return;
    const hits = await whereInScope(
      db
        .selectFrom("enterprises")
        .select("id")
        .where("name_norm", "=", normaliseEnterpriseName(name))
        .limit(2),
      scope,
      "enterprises.region_path",
    ).execute();
    if (hits.length === 1 && hits[0]) values.enterprise_id = hits[0].id;
  };
}
