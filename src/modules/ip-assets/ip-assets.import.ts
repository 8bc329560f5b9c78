import type { Conn, Db } from "../../core/db/schema.ts";
import type { ImportCounts } from "../../core/entity/import.ts";
import type { TableInput } from "../../core/excel/types.ts";
import { regionCellResolver } from "../../core/regions/import-region.ts";
import type { Scope } from "../../core/scope.ts";
import { normaliseCreditCode } from "../enterprises/credit-code.ts";
import { findByCreditCodes, findByNormNames } from "../enterprises/enterprises.repository.ts";
import { normaliseEnterpriseName } from "../enterprises/name-normalise.ts";
import { type ImportTarget, importRows } from "../platforms/ledger/import.ts";
import {
  type DesignationInput,
  designationEntity,
  designationInput,
  type PledgeInput,
  pledgeEntity,
  pledgeInput,
} from "./entities.ts";
import * as repo from "./ip-assets.repository.ts";
import { designationRow, pledgeRow } from "./ip-assets.service.ts";

type Opts = { filename: string; maxBytes?: number };
type Issue = { key: string; message: string };

/**
 * The enterprise column of an import (名称 or 统一社会信用代码) resolved against the registry
 * in scope, replacing `enterpriseName` by `enterpriseId`.
 */
function enterpriseCell(db: Conn, scope: Scope, required: boolean) {
  const cache = new Map<string, Issue | number>();
  const lookup = async (given: string): Promise<Issue | number> => {
    const code = normaliseCreditCode(given);
    const hits = /^[0-9A-Z]{18}$/.test(code)
      ? await findByCreditCodes(db, scope, [code])
      : await findByNormNames(db, scope, [normaliseEnterpriseName(given)]);
    const [one, ...more] = hits;
    if (one && more.length === 0) return one.id;
    return {
      key: "enterpriseName",
      message: one
        ? `“${given}”有重名企业，请填写统一社会信用代码`
        : `企业“${given}”不在企业名录中，或不在您的数据范围内`,
    };
  };
  return async (row: Record<string, unknown>): Promise<Issue[]> => {
    const given = String(row.enterpriseName ?? "").trim();
    delete row.enterpriseName;
    if (!given) return required ? [{ key: "enterpriseName", message: "必填" }] : [];
    let hit = cache.get(given);
    if (hit === undefined) {
      hit = await lookup(given);
      cache.set(given, hit);
    }
    if (typeof hit !== "number") return [hit];
    row.enterpriseId = hit;
    return [];
  };
}

/**
 * Pledges, idempotent on 出质企业 + 质权人 + 登记日期. The region is the enterprise's; the
 * subsidy link is not in the file, so an update keeps the one set on screen.
 */
const pledgeImport: ImportTarget<PledgeInput> = {
  table: "ip_pledges",
  entity: pledgeEntity,
  schema: pledgeInput,
  cells: async (db, scope) => enterpriseCell(db, scope, true),
  fileKey: (v) => `${v.enterpriseId}|${v.bank}|${v.registeredOn}`,
  row: pledgeRow,
  find: (db, v) => repo.findPledge(db, v as repo.PledgeValues),
  keep: ["payment_id"],
};

/** Designations, idempotent on 类别 + 企业（或地区）+ 年度. */
const designationImport: ImportTarget<DesignationInput> = {
  table: "ip_designations",
  entity: designationEntity,
  schema: designationInput,
  cells: async (db, scope) => {
    const regions = await regionCellResolver(db, scope);
    const enterprise = enterpriseCell(db, scope, false);
    return async (row) => [...(await enterprise(row)), ...(await regions.resolve(row))];
  },
  fileKey: (v) =>
    `${v.kind}|${v.year ?? v.recognisedOn.slice(0, 4)}|${v.enterpriseId ? `e${v.enterpriseId}` : `r${v.regionId}`}`,
  row: designationRow,
  find: (db, v) => repo.findDesignation(db, v as repo.DesignationValues),
};

/** Imports pledges, all-or-nothing (the ledger engine's import; see importRows). */
export function importPledges(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  return importRows(db, pledgeImport, scope, input, opts);
}

/** Imports designations, all-or-nothing (the ledger engine's import; see importRows). */
export function importDesignations(
  db: Db,
  scope: Scope,
  input: TableInput,
  opts: Opts,
): Promise<ImportCounts> {
  return importRows(db, designationImport, scope, input, opts);
}
