// Test-only: a small hand-countable set of enterprises on the sample tree of core metrics.
import type { Conn, Region } from "../../src/core/db/schema.ts";
import { withCheckChar } from "../../src/modules/enterprises/credit-code.ts";
import { normaliseEnterpriseName } from "../../src/modules/enterprises/name-normalise.ts";
import { expiryOf } from "../../src/modules/enterprises/validity.ts";

const KINDS = {
  hte: { valid_years: 3, by_year: false },
  hte_reserve: { valid_years: 1, by_year: true },
  tsme: { valid_years: 1, by_year: true },
} as const;

let serial = 0;

export async function enterprise(db: Conn, region: Region, name: string) {
  serial += 1;
  return db
    .insertInto("enterprises")
    .values({
      name,
      name_norm: normaliseEnterpriseName(name),
      credit_code: withCheckChar(`91510000MA6${String(serial).padStart(6, "0")}`),
      region_id: region.id,
      region_path: region.path,
      legal_rep: null,
      contact: null,
      phone: null,
      address: null,
      industry: "C",
      founded_on: "2015-01-01",
      tags: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

type E = { id: number; region_id: number; region_path: string };

export async function qual(
  db: Conn,
  e: E,
  kind: keyof typeof KINDS,
  year: number,
  issuedOn: string | null,
) {
  await db
    .insertInto("enterprise_qualifications")
    .values({
      enterprise_id: e.id,
      region_id: e.region_id,
      region_path: e.region_path,
      kind_code: kind,
      number: `${kind}-${e.id}-${year}`,
      year,
      issued_on: issuedOn,
      expires_on: expiryOf(KINDS[kind], year, issuedOn),
      note: null,
    })
    .execute();
}

export async function app(
  db: Conn,
  e: E,
  appliedOn: string,
  result: "申报" | "通过" | "未通过",
  decidedOn: string | null = null,
) {
  await db
    .insertInto("enterprise_applications")
    .values({
      enterprise_id: e.id,
      region_id: e.region_id,
      region_path: e.region_path,
      kind_code: "hte",
      year: Number(appliedOn.slice(0, 4)),
      batch: "",
      applied_on: appliedOn,
      result,
      decided_on: decidedOn,
    })
    .execute();
}

export async function yearly(
  db: Conn,
  e: E,
  year: number,
  rd: number,
  superDeduction: number | null,
  aboveScale: boolean,
) {
  await db
    .insertInto("enterprise_yearly")
    .values({
      enterprise_id: e.id,
      region_id: e.region_id,
      region_path: e.region_path,
      year,
      revenue: rd * 20,
      rd_expense: rd,
      hitech_income: null,
      super_deduction: superDeduction,
      employees: 100,
      st_staff: 12,
      above_scale: aboveScale,
    })
    .execute();
}

export async function regionYear(
  db: Conn,
  region: Region,
  year: number,
  gdp: number | null,
  hitechOutput: number | null,
) {
  await db
    .insertInto("region_year_figures")
    .values({
      region_id: region.id,
      region_path: region.path,
      year,
      gdp,
      hitech_output: hitechOutput,
      population: null,
    })
    .execute();
}
