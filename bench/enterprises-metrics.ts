import { sql } from "kysely";
import type { Db } from "../src/core/db/schema.ts";
import { DEMO_CITY } from "../src/core/demo/demo-county.ts";
import type { MetricScope } from "../src/core/metrics/metric.ts";
import { getRegionByCode, insertRegion } from "../src/core/regions/regions.repository.ts";
import { normaliseEnterpriseName } from "../src/modules/enterprises/name-normalise.ts";
import { buildMetricRegistry } from "../src/server/registry.ts";
import { benchCreditCode, generateEnterprises } from "./enterprises-rows.ts";

export interface CityFixture {
  counties: number;
  enterprises: number;
  qualifications: number;
  applications: number;
  yearly: number;
  seconds: number;
}

function day(y: number, dayOfYear: number): string {
  return new Date(Date.UTC(y, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

function addYearsMinusDay(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

async function insertChunks<T>(n: number, rows: T[], put: (chunk: T[]) => Promise<void>) {
  for (let i = 0; i < rows.length; i += n) await put(rows.slice(i, i + n));
}

/**
 * 20 counties under the demo city, `perCounty` enterprises each placed directly in the
 * county, with 高企 certificates, reserve/科小 entries, applications, two years of
 * figures and county GDP: enough for every enterprises.* metric to do real work.
 */
export async function seedCity(db: Db, counties = 20, perCounty = 200): Promise<CityFixture> {
  const t0 = performance.now();
  const city = await getRegionByCode(db, DEMO_CITY.code);
  if (!city) throw new Error("demo city missing");
  const names = generateEnterprises(counties * perCounty, 777);
  let serial = 0;
  const counts = { qualifications: 0, applications: 0, yearly: 0 };
  for (let c = 0; c < counties; c++) {
    const county = await insertRegion(db, {
      parentId: city.id,
      level: 3,
      code: `5111${String(80 + c).padStart(2, "0")}`,
      name: `基准测试县${c + 1}`,
    });
    const base = { region_id: county.id, region_path: county.path };
    const ents = names.slice(c * perCounty, (c + 1) * perCounty).map((e) => {
      serial += 1;
      const name = e.name.replace(/^夹江/, `测试${c + 1}县`);
      return {
        ...base,
        name,
        name_norm: normaliseEnterpriseName(name),
        credit_code: benchCreditCode("91511180CT", serial),
        industry: "C",
      };
    });
    const ids = await db.insertInto("enterprises").values(ents).returning("id").execute();
    const quals = [];
    const apps = [];
    const yearly = [];
    for (const [k, { id }] of ids.entries()) {
      const e = { ...base, enterprise_id: id };
      if (k % 3 === 0) {
        const issued = day(2023 + (k % 4), (k * 7) % 360);
        const year = Number(issued.slice(0, 4));
        const expires_on = addYearsMinusDay(issued, 3);
        quals.push({ ...e, kind_code: "hte", year, issued_on: issued, expires_on });
      }
      if (k % 5 === 1) {
        quals.push({ ...e, kind_code: "hte_reserve", year: 2026, expires_on: "2026-12-31" });
      }
      if (k % 2 === 0) {
        quals.push({ ...e, kind_code: "tsme", year: 2026, expires_on: "2026-12-31" });
      }
      if (k % 4 === 1) {
        const result = k % 8 === 1 ? ("通过" as const) : ("申报" as const);
        apps.push({ ...e, kind_code: "hte", year: 2026, applied_on: day(2026, k % 200), result });
      }
      for (const year of [2025, 2026]) {
        const revenue = 1e6 * (1 + (k % 50));
        yearly.push({
          ...e,
          year,
          revenue: revenue * (year === 2026 ? 1.1 : 1),
          rd_expense: revenue * 0.04,
          hitech_income: k % 3 === 0 ? revenue * 0.7 : null,
          super_deduction: k % 6 === 0 ? revenue * 0.03 : null,
          employees: 20 + (k % 80),
          st_staff: 3 + (k % 10),
          above_scale: k % 4 === 0,
        });
      }
    }
    await insertChunks(1000, quals, async (ch) => {
      await db.insertInto("enterprise_qualifications").values(ch).execute();
    });
    await insertChunks(1000, apps, async (ch) => {
      await db.insertInto("enterprise_applications").values(ch).execute();
    });
    await insertChunks(1000, yearly, async (ch) => {
      await db.insertInto("enterprise_yearly").values(ch).execute();
    });
    await db
      .insertInto("region_year_figures")
      .values([2025, 2026].map((year) => ({ ...base, year, gdp: 2e10 + c * 1e8 })))
      .execute();
    counts.qualifications += quals.length;
    counts.applications += apps.length;
    counts.yearly += yearly.length;
  }
  await sql`analyze`.execute(db);
  return {
    counties,
    enterprises: counties * perCounty,
    ...counts,
    seconds: (performance.now() - t0) / 1000,
  };
}

export interface MetricTiming {
  id: string;
  label: string;
  value: number;
  p50ms: number;
  maxMs: number;
}

/** Each enterprises.* metric for the whole city and 2026: p50 (and max) of `runs` runs. */
export async function timeCityMetrics(db: Db, runs = 5): Promise<MetricTiming[]> {
  const city = await getRegionByCode(db, DEMO_CITY.code);
  if (!city) throw new Error("demo city missing");
  const scope: MetricScope = {
    regionId: city.id,
    regionPath: city.path,
    regionName: city.name,
    from: "2026-01-01",
    to: "2026-12-31",
  };
  const registry = buildMetricRegistry();
  const out: MetricTiming[] = [];
  for (const def of registry.listMetrics().filter((m) => m.id.startsWith("enterprises."))) {
    const times: number[] = [];
    let value = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      value = (await registry.evaluate(db, def.id, scope)).value;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out.push({
      id: def.id,
      label: def.label,
      value,
      p50ms: times[Math.floor(times.length / 2)] ?? 0,
      maxMs: times[times.length - 1] ?? 0,
    });
  }
  return out;
}
