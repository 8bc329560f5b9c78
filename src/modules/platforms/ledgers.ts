import type { Conn } from "../../core/db/schema.ts";
import { registerConstraintLabels } from "../../core/db-errors.ts";
import { AppError } from "../../core/errors.ts";
import { type Scope, whereInScope } from "../../core/scope.ts";
import {
  agreementEntity,
  agreementInput,
  checkEntity,
  checkInput,
  platformEntity,
  platformInput,
} from "./entities.ts";
import type { CellResolver, Ledger, Values } from "./ledger/engine.ts";
import { linkEnterprise } from "./ledger/enterprise-link.ts";

registerConstraintLabels({
  platforms_name_key: "该地区同名的创新平台",
  platform_checks_year_key: "该平台当年的考核结果",
  platform_checks_platform_id_fkey: "该创新平台（已有年度考核记录）",
  coop_agreements_title_key: "同一天签订的同名合作协议",
});

/** A check is filed for a platform the caller can see, and lives in that platform's region. */
async function platformRegion(db: Conn, scope: Scope, input: Values): Promise<number> {
  const qb = db
    .selectFrom("platforms")
    .select("region_id")
    .where("id", "=", Number(input.platformId));
  const p = await whereInScope(qb, scope, "platforms.region_path").executeTakeFirst();
  if (!p) throw new AppError("NOT_FOUND", { entity: platformEntity.label });
  return p.region_id;
}

/** Import files name the platform; it must be exactly one platform in the caller's scope. */
async function platformByName(db: Conn, scope: Scope): Promise<CellResolver> {
  const rows = await whereInScope(
    db.selectFrom("platforms").select(["id", "name"]),
    scope,
    "platforms.region_path",
  ).execute();
  const byName = new Map<string, number[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
  return async (row) => {
    const name = typeof row.platformName === "string" ? row.platformName : "";
    const ids = byName.get(name) ?? [];
    if (ids.length === 1) {
      row.platformId = ids[0];
      return [];
    }
    const message = !name
      ? "请填写平台名称"
      : ids.length === 0
        ? `“${name}”不是您数据范围内的创新平台`
        : `“${name}”有重名平台，请在平台台账中区分后再导入`;
    return [{ key: "platformName", message }];
  };
}

export const platformLedger: Ledger = {
  base: "/api/platforms",
  table: "platforms",
  entity: platformEntity,
  input: platformInput,
  naturalKey: (v) => ({ name: v.name }),
  prepare: linkEnterprise("operator_name", "所选依托企业"),
};

export const checkLedger: Ledger = {
  base: "/api/platform-checks",
  table: "platform_checks",
  entity: checkEntity,
  input: checkInput,
  naturalKey: (v) => ({ platform_id: v.platform_id, year: v.year }),
  extras: {
    platform_name: "(select p.name from platforms p where p.id = platform_checks.platform_id)",
  },
  regionOf: platformRegion,
  importResolver: platformByName,
};

export const agreementLedger: Ledger = {
  base: "/api/cooperation",
  table: "coop_agreements",
  entity: agreementEntity,
  input: agreementInput,
  naturalKey: (v) => ({ title: v.title, signed_on: v.signed_on }),
  prepare: linkEnterprise("our_party", "所选我方企业"),
};

export const platformLedgers: readonly Ledger[] = [platformLedger, checkLedger, agreementLedger];
