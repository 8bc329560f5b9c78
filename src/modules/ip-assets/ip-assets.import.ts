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
  designationInputStored,
  type PledgeInput,
  pledgeEntity,
  pledgeInput,
  REVOKED_ON_REQUIRED,
  revokedWithoutDate,
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
 * Pledges, idempotent on 出质企业 + 质权人 + 登记日期. The region is the enterprise's. The
 * 贴息拨付 column of an export is text for reading, not a link: it is dropped here, and an
 * update keeps the link set on screen.
 */
const pledgeImport: ImportTarget<PledgeInput> = {
  table: "ip_pledges",
  entity: pledgeEntity,
  schema: pledgeInput,
  cells: async (db, scope) => {
    const enterprise = enterpriseCell(db, scope, true);
    return async (row) => {
      delete row.paymentInfo;
      return enterprise(row);
    };
  },
  fileKey: (v) => `${v.enterpriseId}|${v.bank}|${v.registeredOn}`,
  row: pledgeRow,
  find: (db, v) => repo.findPledge(db, v as repo.PledgeValues),
  keep: ["payment_id"],
};

/**
 * A row marked 撤销 with no 撤销日期 is accepted only for a stored designation already so
 * (a legacy row: an exported file must import back); anything else needs the date.
 */
async function revokedDateIssue(db: Conn, scope: Scope, row: Record<string, unknown>) {
  const blank = (v: unknown) => v === undefined || v === null || v === "";
  if (row.status !== "撤销" || !blank(row.revokedOn)) return [];
  const recognised = typeof row.recognisedOn === "string" ? row.recognisedOn : "";
  const year = Number(blank(row.year) ? recognised.slice(0, 4) : row.year);
  const old =
    typeof row.kind === "string" && Number.isInteger(year)
      ? await repo.findDesignation(db, {
          kind: row.kind,
          year,
          enterprise_id: typeof row.enterpriseId === "number" ? row.enterpriseId : null,
          region_id: typeof row.regionId === "number" ? row.regionId : scope.regionId,
        })
      : undefined;
  return old && revokedWithoutDate(old) ? [] : [{ key: "revokedOn", message: REVOKED_ON_REQUIRED }];
}

/** Designations, idempotent on 类别 + 企业（或地区）+ 年度. */
const designationImport: ImportTarget<DesignationInput> = {
  table: "ip_designations",
  entity: designationEntity,
  schema: designationInputStored,
  cells: async (db, scope) => {
    const regions = await regionCellResolver(db, scope);
    const enterprise = enterpriseCell(db, scope, false);
    return async (row) => {
      const issues = [...(await enterprise(row)), ...(await regions.resolve(row))];
      return issues.length > 0 ? issues : revokedDateIssue(db, scope, row);
    };
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
